"""Model answers of exercises ch5-ex1 and ch5-ex2."""

ABSTRACT_ANSWER: dict[str, bool] = {"a": True, "b": False, "c": True, "d": False, "e": True,
                                    "f": False, "g": True}
"""Exercise ch5-ex1: letter -> supported by the abstract."""

RESIDUE_ANSWER: dict[str, str] = {
    "a": "service_cannot_express", "b": "assemblage_loses", "c": "service_cannot_express",
    "d": "assemblage_loses", "e": "service_cannot_express", "f": "assemblage_loses",
    "g": "service_cannot_express",
}
"""Exercise ch5-ex2: letter -> the side of the residue it belongs to."""

ABSTRACT_WHY: dict[str, str] = {
    'a': 'The abstract says so in as many words.',
    'b': "The abstract names no Deleuze-Guattari concept beyond 'assemblage'; we cannot know.",
    'c': 'The abstract says this is fundamentally missing.',
    'd': "The abstract says only 'a practical example of public service use'.",
    'e': "This is the abstract's central statement.",
    'f': 'The abstract does not mention DeLanda; we cannot know from it.',
    'g': 'The abstract says it is by no means an agreed conceptualisation.',
}
"""Why each claim of exercise ch5-ex1 is or is not supported (feedback on a wrong answer)."""

RESIDUE_WHY: dict[str, str] = {
    'a': ('an affect between two things, which service logic holds only as resources being'
          ' prepared'),
    'b': 'accountability: the assemblage traces responsibility but names no single duty-holder',
    'c': 'a capacity of the arrangement, not of the user',
    'd': 'comparability: affects carry a direction but no common unit to compare by',
    'e': ('an aggregating thing as an active force (a rule such as the triage script would be'
          ' an institution, inside the service reading)'),
    'f': 'a lever: an offer a manager can change and answer for',
    'g': ('a line of flight (a rupture, not a switch between routes the service offers) and'
          ' its capture'),
}
"""Why each item of exercise ch5-ex2 is on its side (feedback on a wrong side)."""
