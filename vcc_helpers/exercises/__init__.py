"""Answer checks and small display helpers for the chapters' exercises.

One module per chapter (``ch01``, ``ch02``, ...).  A check takes the reader's
answer and returns a :class:`~vcc_helpers.exercises._common.Feedback` that shows
a clear, kind message; a check never raises on a wrong answer.
"""
