"""Answer checks for the chapters' exercises, and what the chapter pages show.

One module per chapter (``ch01``, ``ch02``, ...) holds that chapter's checks and the
data they need. A check takes the reader's answer and returns a
:class:`~vcc_helpers.exercises._common.Feedback` that shows a clear, kind message; a
check never raises on a wrong answer. The tables, computed prose and file helpers a
chapter page shows live in :mod:`vcc_helpers.exercises.pages` (one module per chapter
there too); each chapter module forwards their names, so a chapter calls
``ch06.case_facts(case)``. Example data are package files in ``data/``, read through
:mod:`vcc_helpers.exercises.data` when first asked for; the model answers live in
:mod:`vcc_helpers.exercises.answers`, which the student edition leaves out.
"""
