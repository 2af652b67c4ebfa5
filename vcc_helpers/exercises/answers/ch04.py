"""Model answers of exercises ch4-ex1 and ch4-ex3."""

MISREADING_ANSWER: dict[int, bool] = {1: True, 2: False, 3: True, 4: True, 5: False, 6: True}
"""Exercise ch4-ex1: statement number -> is a misreading."""

LINEAGE_ANSWER: dict[str, str] = {
    "agencement": "deleuze-guattari",
    "material-expressive axis": "delanda",
    "affect economy": "fox-alldred",
    "molar and molecular lines": "deleuze-guattari",
    "aggregating and singular affects": "fox-alldred",
    "neo-assemblage theory": "delanda",
    "research-assemblage": "fox-alldred",
    "map and tracing": "deleuze-guattari",
    "coding axis": "delanda",
}
"""Exercise ch4-ex3: concept -> the lineage this book takes it from."""

MISREADING_WHY: dict[int, str] = {
    1: ('Components affect one another whether or not a person is using them; the rota '
        'moves bodies in time on its own terms.'),
    2: ('A fair reading: affect is a capacity, not an emotion, and any body, a rule '
        'included, can have it.'),
    3: ('Lines of flight carry dangers and are often recaptured; Deleuze and Guattari '
        'refuse a good/bad opposition between kinds of line.'),
    4: 'Molar and molecular are types of line (rigid or supple), not sizes.',
    5: ('A fair reading of relations of exteriority: capacities depend on the relations a'
        ' component enters.'),
    6: "Desire is productive and assembled; it belongs to arrangements, not to a person's lack.",
}
"""Why each statement of exercise ch4-ex1 is or is not a misreading (feedback on a wrong answer)."""
