"""What the chapter pages show and call, apart from the answer checks: one module per chapter.

The exercise modules (:mod:`vcc_helpers.exercises.ch01` ...) hold the checks and the
data the checks need; the tables, computed prose, listings and file helpers a chapter
page shows live here, in the module of the same name (``pages/ch06.py`` for chapter 6),
and build on :mod:`~vcc_helpers.exercises.pages.display`. A chapter still calls them
through its exercise module (``ch06.case_facts(case)``), which forwards each name it
lists in ``SHOWN`` here when it is first asked for.

Nothing here holds a model answer: the student edition ships this package whole.
"""
