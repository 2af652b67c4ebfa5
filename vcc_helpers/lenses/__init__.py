"""The lenses, their registry, and the reinterpretation engine.

* :mod:`vcc_helpers.lenses.base` -- the :class:`~vcc_helpers.lenses.base.Lens`
  interface and the registry (:func:`~vcc_helpers.lenses.base.get_lens`,
  :func:`~vcc_helpers.lenses.base.lenses`, ...);
* :mod:`vcc_helpers.lenses.service` -- a service-logic reading (roles, spheres,
  propositions, value claims, co-destruction, co-production);
* :mod:`vcc_helpers.lenses.assemblage` -- an assemblage reading (affects and
  capacities, stabilisers and destabilisers, aggregating affects, lines of
  flight, territories);
* :mod:`vcc_helpers.lenses.actor_network` -- a small illustrative third
  reading (an actor-network sketch), there to show the interface takes more
  than two lenses;
* :mod:`vcc_helpers.lenses.reinterpret` -- a *draft* assemblage reading made of
  prompts and candidates from the service reading, and the residue in both
  directions.

Every function takes a :class:`~vcc_helpers.model.Case` and returns plain data
(tuples of small frozen dataclasses, or dicts) in a deterministic order.

Importing this package registers the three lenses, in this order: service,
assemblage, actor-network.  A lens names its figure and its descriptions by
import name only (``"module:function"``): this layer never imports
:mod:`~vcc_helpers.figures` or :mod:`~vcc_helpers.describe`;
:mod:`vcc_helpers.lensviews` resolves the names.
"""
from vcc_helpers.lenses import actor_network, assemblage, reinterpret, service
from vcc_helpers.lenses.assemblage import assemblage_reading
from vcc_helpers.lenses.base import (
    Lens, LensError, featured_lenses, get_lens, lens_ids, lenses, register_lens,
    register_residue, residue_of, residue_pairs,
)
from vcc_helpers.lenses.reinterpret import could_not_hold, residue
from vcc_helpers.lenses.reinterpret import reinterpret as reinterpret_case
from vcc_helpers.lenses.service import service_reading

__all__ = ["service", "assemblage", "actor_network", "reinterpret", "service_reading",
           "assemblage_reading", "reinterpret_case", "residue", "could_not_hold",
           "Lens", "LensError", "register_lens", "register_residue", "get_lens", "lenses",
           "lens_ids", "featured_lenses", "residue_of", "residue_pairs"]


def _service_cannot_express(case):
    return residue(case).service_cannot_express


def _assemblage_loses(case):
    return residue(case).assemblage_loses


# The registrations: the lens modules are used as they are (nothing in them changed).
SERVICE = register_lens(Lens(
    "service", "Service logic", service.QUESTIONS, service.service_reading,
    figure="vcc_helpers.figures:sphere_diagram",
    alt_text="vcc_helpers.describe:alt_text",
    long_description="vcc_helpers.describe:long_description",
    residue={"assemblage": _service_cannot_express},
    inputs=("service",),
    tip="The service-logic reading: who provides, who uses, in which sphere each "
        "interaction sits"))

ASSEMBLAGE = register_lens(Lens(
    "assemblage", "Assemblage", assemblage.QUESTIONS, assemblage.assemblage_reading,
    figure="vcc_helpers.figures:assemblage_map",
    alt_text="vcc_helpers.describe:alt_text",
    long_description="vcc_helpers.describe:long_description",
    residue={"service": _assemblage_loses},
    inputs=("assemblage",), episodes=True,
    tip="The assemblage reading: what each relation does to what bodies can do"))

ACTOR_NETWORK = register_lens(Lens(
    "actor-network", "Actor-network (sketch)", actor_network.QUESTIONS,
    actor_network.actor_network_reading,
    figure="vcc_helpers.actor_network_views:network_map",
    alt_text="vcc_helpers.actor_network_views:alt_text",
    long_description="vcc_helpers.actor_network_views:long_description",
    residue={"service": actor_network.cannot_hold_of_service,
             "assemblage": actor_network.cannot_hold_of_assemblage},
    featured=False,
    tip="A small illustrative third reading: people and things alike, and where the "
        "relations funnel through one component"))
# what the first two cannot hold that the sketch can (the sketch's module words it)
register_residue("service", "actor-network", actor_network.service_cannot_hold)
register_residue("assemblage", "actor-network", actor_network.assemblage_cannot_hold)
