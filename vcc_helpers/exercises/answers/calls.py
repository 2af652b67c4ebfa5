"""Model answers of the chapter *Making the calls* (the keys of
:mod:`vcc_helpers.exercises.calls`), with the reason for each item."""

SPHERE_MODE_KEY: dict[str, str] = {
    "s1": "joint/direct", "s2": "user/indirect", "s3": "provider/indirect",
    "s4": "joint/direct", "s5": "user/indirect",
}
"""Exercise calls-ex1. The provider sphere has no contact with the user at all; the book
codes its mode ``indirect`` only because the package asks for a mode on every interaction.
That ``indirect`` is a placeholder, not Grönroos and Voima's indirect interaction, so the
checker accepts either mode for s3."""

TENDENCY_KEY: dict[str, str] = {
    "t1": "territorialising", "t2": "deterritorialising", "t3": "reterritorialising",
}
"""Exercise calls-ex2."""

LINES_KEY: dict[str, str] = {"l1": "rigid", "l2": "supple", "l3": "flight"}
"""Exercise calls-ex3."""

VALENCE_KEY: dict[str, str] = {"v1": "destruction", "v2": "mixed", "v3": "dis/value"}
"""Exercise calls-ex4."""

AXIOMS_KEY: frozenset[int] = frozenset({1, 6, 9, 10})
"""Exercise calls-ex8: the premises of 2008 that Vargo and Lusch (2016) raise to axioms 1 to
4 (FP11, added in 2016, is axiom 5)."""

WHY: dict[str, str] = {
    "calls-ex1:s1": "s1: the nurse and the man act together, in one encounter: a direct "
                    "interaction, so the joint sphere.",
    "calls-ex1:s2": "s2: the form is the surgery's, but no one from the surgery takes part "
                    "while she uses it: an indirect interaction, so the user sphere.",
    "calls-ex1:s3": "s3: the pharmacy prepares resources out of the user's sight; the user "
                    "takes no part: the provider sphere. Its mode is a placeholder (either is "
                    "accepted): 'indirect' there is not Grönroos and Voima's indirect "
                    "interaction, which is the user using what the provider made.",
    "calls-ex1:s4": "s4: a phone call is a dialogue in which both act: direct, so the joint "
                    "sphere.",
    "calls-ex1:s5": "s5: he uses what the physiotherapist made, with no one from the service "
                    "there: indirect, in the user sphere.",
    "calls-ex2:t1": "t1: the rule makes every call alike and holds it in one order: "
                    "territorialising.",
    "calls-ex2:t2": "t2: the closure undoes a place and a time that held the group: "
                    "deterritorialising.",
    "calls-ex2:t3": "t3: a new regular place and time is drawn after the old one was lost: "
                    "reterritorialising.",
    "calls-ex3:l1": "l1: fixed categories, each with its queue and staff: rigid (molar) "
                    "segmentarity.",
    "calls-ex3:l2": "l2: a quiet exception that leaves the rule and the queues standing is a "
                    "crack inside the segments: a supple (molecular) line.",
    "calls-ex3:l3": "l3: the parents leave the segments altogether; the outcome is open and may "
                    "be lost: a line of flight, with its danger.",
    "calls-ex4:v1": "v1: value is diminished through a misused resource in an interaction: "
                    "destruction.",
    "calls-ex4:v2": "v2: one interaction brings the same person gain and loss: mixed.",
    "calls-ex4:v3": "v3: a value relation imposed against the will he expressed: outside "
                    "the public service ethos, so dis/value (rule 10).",
}
"""Why each keyed item is right (the feedback on a wrong item), keyed ``exercise:id``."""

ARGUED_FLIGHTS: tuple[tuple[str, int], ...] = (("day-service", 2),)
"""Exercise calls-ex5, second part: the lines of flight in the bundled case files that are
calls worth arguing against rule 7, as ``(case, index in lines_of_flight)``. They are the
lines the feedback prompt ``flight-or-crack`` asks about (a flight toward a route the service
offers), and each one's ``because`` answers it; ``tests/test_exercises_calls.py`` checks that
the two sets are the same."""
