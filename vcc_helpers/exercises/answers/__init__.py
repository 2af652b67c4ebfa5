"""The model answers of the chapters' exercises: the instructor's key.

One module per chapter (``ch01``, ``ch02``, ``ch04``, ``ch05``, ``ch06``, ``ch07``).
The answer checks in :mod:`vcc_helpers.exercises` do not import this package:
fixed keys are compared through digests (:func:`~vcc_helpers.exercises._common.key_digest`),
and answers that depend on the case are computed from the case by the lenses.
The student edition (``make student``, ``scripts/student_edition.py``) leaves
this package out, so a student's installed package holds no model answer; the
chapter modules forward these names (``ch07.FIXED_CASE``) where it is installed.
"""
