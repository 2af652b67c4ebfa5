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
