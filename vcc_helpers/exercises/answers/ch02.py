"""Model answer of exercise ch2-ex1 (the key of :func:`vcc_helpers.exercises.ch02.check_spheres`)."""

EXPECTED_SPHERES: dict[str, str] = {"x1": "provider", "x2": "user", "x3": "joint", "x4": "user"}
"""Where Grönroos & Voima's model places each new interaction of exercise ch2-ex1."""
