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
