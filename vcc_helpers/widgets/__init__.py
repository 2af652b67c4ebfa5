"""Interactive views of a case (ipywidgets).

* :class:`LensExplorer` -- switch between the service-logic and the assemblage
  view of a case, side by side, and the residue both ways (``lenses=`` shows
  any registered lens, such as the illustrative ``'actor-network'`` sketch);
* :class:`EpisodeStepper` -- the assemblage episode by episode;
* :class:`CaseBuilder` -- forms to build or change a case, with both lenses
  redrawn after each change, undo, load and save (needs a live kernel).

The first two pre-render every state and switch in the browser
(:func:`ipywidgets.jslink` to an :class:`ipywidgets.Stack`; on ipywidgets 7.7, Colab's,
a Tab without its tab bar, see ``vcc_helpers.widgets._compat``), with no kernel.  On the
book's static pages all three show their ``text/html`` (``vcc_helpers.widgets.static``):
plain HTML views, keyboard operable, readable with JavaScript off, and no widget manager.
All three are thin shells over :mod:`vcc_helpers.lenses`, :mod:`vcc_helpers.describe`,
:mod:`vcc_helpers.figures` and :mod:`vcc_helpers.casefile`.
"""
from vcc_helpers.widgets.builder import CaseBuilder
from vcc_helpers.widgets.explorer import VIEWS, EpisodeStepper, LensExplorer

__all__ = ["LensExplorer", "EpisodeStepper", "CaseBuilder", "VIEWS"]
