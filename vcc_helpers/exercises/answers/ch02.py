"""Model answer of exercise ch2-ex1
(the key of :func:`vcc_helpers.exercises.ch02.check_spheres`)."""

EXPECTED_SPHERES: dict[str, str] = {"x1": "provider", "x2": "user", "x3": "joint", "x4": "user"}
"""Where Grönroos & Voima's model places each new interaction of exercise ch2-ex1."""

SPHERE_WHY: dict[str, str] = {
    "x1": "x1 happens inside the organisation, out of the patient's sight: the provider sphere, "
          "where value is facilitated.",
    "x2": "x2 involves another person in L's own life and not the practice: the user sphere.",
    "x3": "x3 is a direct interaction, doctor and patient in one conversation: the joint sphere.",
    "x4": "x4 is an indirect interaction: the practice wrote the message, but it is not "
          "taking part when she reads it. That puts it in the user sphere.",
}
"""Why each new interaction sits in its sphere (the feedback on a wrong sphere)."""
