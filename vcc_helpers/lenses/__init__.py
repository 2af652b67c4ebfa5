"""The two lenses and the reinterpretation engine.

* :mod:`vcc_helpers.lenses.service` -- a service-logic reading (roles, spheres,
  propositions, value claims, co-destruction, co-production);
* :mod:`vcc_helpers.lenses.assemblage` -- an assemblage reading (affects and
  capacities, stabilisers and destabilisers, aggregating affects, lines of
  flight, territories);
* :mod:`vcc_helpers.lenses.reinterpret` -- a *draft* assemblage reading made of
  prompts and candidates from the service reading, and the residue in both
  directions.

Every function takes a :class:`~vcc_helpers.model.Case` and returns plain data
(tuples of small frozen dataclasses, or dicts) in a deterministic order.
"""
from vcc_helpers.lenses import assemblage, reinterpret, service
from vcc_helpers.lenses.assemblage import assemblage_reading
from vcc_helpers.lenses.reinterpret import could_not_hold, residue
from vcc_helpers.lenses.reinterpret import reinterpret as reinterpret_case
from vcc_helpers.lenses.service import service_reading

__all__ = ["service", "assemblage", "reinterpret", "service_reading", "assemblage_reading",
           "reinterpret_case", "residue", "could_not_hold"]
