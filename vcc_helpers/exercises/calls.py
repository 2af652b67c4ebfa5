"""The chapter *Making the calls*: the codebook's vignettes, their answer checks, the
think-aloud's computed views, and the two made-up readings of the calibration exercise.

The vignettes are short scenes written for this book (not cases from a study). Each
keyed exercise is checked through digests, as in the other chapters; the keys and
the reasons live in :mod:`vcc_helpers.exercises.answers.calls`, which the student
edition leaves out.

The think-aloud reads a relation from a case file as it is *now* (:func:`relation_view`)
and sets the chapter's own rule-based call beside the file's coding
(:func:`rule_call`), so the page stays honest when a case is recoded.

Examples
--------
>>> from vcc_helpers.exercises.answers.calls import SPHERE_MODE_KEY
>>> bool(check_sphere_mode(SPHERE_MODE_KEY))
True
>>> print(check_tendency({"t1": "territorialising"}))  # doctest: +ELLIPSIS
Not yet: t2 and t3 still need an answer. ...
>>> a, b = calibration_readings()
>>> a.id == b.id, [r.id for r in a.relations] == [r.id for r in b.relations]
(True, True)
"""
from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

from vcc_helpers.model import MODES, SPHERES, Case

from ._common import Feedback, Prose, Table, key_digest, listing, model_answer, reasons

__all__ = [
    "SPHERE_MODE", "TENDENCY", "LINES", "VALENCE", "vignettes",
    "check_sphere_mode", "check_tendency", "check_lines", "check_valence", "check_axioms",
    "relation_view", "rule_call", "lines_table", "calibration_readings", "CALIBRATION_FILES",
    "calibration_relations", "agreement_table",
]

# --------------------------------------------------------------------------------------
# The vignettes (made up for this chapter)
# --------------------------------------------------------------------------------------

SPHERE_MODE: dict[str, str] = {
    "s1": "A district nurse dresses a man's leg wound at his kitchen table, talking him "
          "through each step.",
    "s2": "Late at night a woman fills in her surgery's online request form at home; no one "
          "at the surgery reads it until the morning.",
    "s3": "Pharmacy staff fill a week of dosette boxes in the back room before the delivery "
          "van leaves.",
    "s4": "A receptionist and a caller talk on the phone and agree a slot for Thursday.",
    "s5": "A man follows, on his own each morning, the exercise sheet his physiotherapist "
          "gave him last month.",
}
"""Exercise calls-ex1: where each scene's interaction sits, and whether it is direct."""

TENDENCY: dict[str, str] = {
    "t1": "A new booking rule sends every caller through the same triage questions, in the "
          "same order.",
    "t2": "The day centre closes; the group that met there every weekday no longer has a "
          "place or a time to meet.",
    "t3": "Six months later some of the group meet every Tuesday at the same café table, "
          "with the same seats.",
}
"""Exercise calls-ex2: the tendency of each scene's relation."""

LINES: dict[str, str] = {
    "l1": "An eligibility rule sorts every caller into 'urgent' or 'routine', and each "
          "category into its own queue with its own staff.",
    "l2": "A receptionist who knows a regular caller quietly puts her through to the nurse "
          "she trusts; the rule and the queues stay as they were.",
    "l3": "A group of parents stop using the school's meal service altogether and cook for "
          "their children together, outside the school's rules and categories; nobody yet "
          "knows whether it will last or fall apart.",
}
"""Exercise calls-ex3: which kind of line each scene draws."""

VALENCE: dict[str, str] = {
    "v1": "A carer misreads the dosette box and gives no evening tablets; the woman is ill "
          "the next day.",
    "v2": "A day-centre outing gives a man the best afternoon of his month, and leaves him "
          "exhausted for two days.",
    "v3": "A man detained under mental health law is kept safe on a ward he did not choose "
          "and wants to leave.",
}
"""Exercise calls-ex4: how each scene's value claim should be marked."""

_VOCAB: dict[str, tuple[str, ...]] = {
    "calls-ex2": ("territorialising", "deterritorialising", "reterritorialising"),
    "calls-ex3": ("rigid", "supple", "flight"),
    "calls-ex4": ("destruction", "mixed", "dis/value"),
}

_SYNONYMS: dict[str, str] = {
    "molar": "rigid", "segmentarity": "rigid", "rigid segmentarity": "rigid",
    "molecular": "supple", "supple line": "supple", "line of flight": "flight",
    "rupture": "flight", "disvalue": "dis/value", "dis-value": "dis/value",
    "co-destruction": "destruction", "value co-destruction": "destruction",
    "customer": "user",
}

_KEYS: dict[str, dict[str, str]] = {
    "calls-ex1": {"s1": "6cf6563f3d815ea4", "s2": "96f2fd626a522ad9", "s3": "dd36430eec5c33e5",
                  "s4": "5610e15d3cc71688", "s5": "9261b3e0821ef7dc"},
    "calls-ex2": {"t1": "0eebda5c63d4c714", "t2": "1020562a6748598b", "t3": "fc8f34957cc3cd15"},
    "calls-ex3": {"l1": "13b71aaa8d875525", "l2": "6816ebc476857f65", "l3": "873a107aa8662901"},
    "calls-ex4": {"v1": "4b56bde798279179", "v2": "887db220d9fdf9d5", "v3": "1daf6e9368f8a3c9"},
}
"""Digests of the keys (:func:`~vcc_helpers.exercises._common.key_digest`); the keys
themselves are ``answers.calls.*_KEY`` (``tests/test_exercises_calls.py`` checks that
they agree)."""

_AXIOMS_DIGEST = "d4502e203bc386cd"
"""The digest of the sorted premise numbers that became axioms (exercise calls-ex8)."""


def __getattr__(name: str):
    # the model answers live in vcc_helpers.exercises.answers.calls
    if name in ("SPHERE_MODE_KEY", "TENDENCY_KEY", "LINES_KEY", "VALENCE_KEY", "AXIOMS_KEY",
                "WHY"):
        return model_answer("calls", name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def vignettes(which: Mapping[str, str], caption: str = "") -> Table:
    """The scenes of one exercise as a table (id, what happens).

    Examples
    --------
    >>> vignettes(TENDENCY).rows[0][0]
    't1'
    """
    return Table(("Id", "What happens"), sorted(which.items()), caption=caption)


def _word(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    w = " ".join(value.strip().lower().replace("sphere", "").split())
    return _SYNONYMS.get(w, w)


def _pair(value: object) -> str | None:
    """A sphere and a mode as ``"sphere/mode"``, from ``"joint/direct"``, ``"joint, direct"``
    or a pair; ``None`` if it cannot be read."""
    if isinstance(value, str):
        parts = value.lower().replace("sphere", " ").replace(",", "/").replace(" ", "/").split("/")
        parts = [p for p in parts if p.strip()]
    elif isinstance(value, (tuple, list)):
        parts = list(value)
    else:
        return None
    if len(parts) != 2:
        return None
    sphere, mode = _word(parts[0]), _word(parts[1])
    if sphere not in SPHERES or mode not in MODES:
        return None
    if sphere == "provider":
        # no interaction with the user at all: the mode the package asks for is a
        # placeholder (rule 3), so either mode is accepted and read as the book writes it
        mode = "indirect"
    return f"{sphere}/{mode}"


def _check(exercise: str, answer: object, read, how: str, right: str) -> Feedback:
    key = _KEYS[exercise]
    ids = listing(sorted(key))
    if not isinstance(answer, Mapping):
        return Feedback(False, f"Not yet: give your answer as a dictionary with one entry for "
                               f"each of {ids}, for example {how}.")
    unknown = sorted(str(k) for k in answer if k not in key)
    if unknown:
        what = "is not one of the ids" if len(unknown) == 1 else "are not among the ids"
        return Feedback(False, f"Not yet: {listing(unknown)} {what} {ids}.")
    todo = sorted(set(key) - set(answer) | {k for k in answer if read(answer[k]) is None})
    if todo:
        return Feedback(False, f"Not yet: {listing(todo)} still "
                               f"{'needs' if len(todo) == 1 else 'need'} an answer. Write each "
                               f"as in {how}.")
    wrong = [k for k in sorted(key) if key_digest(exercise, k, read(answer[k])) != key[k]]
    if not wrong:
        return Feedback(True, right)
    why = reasons("calls", "WHY")
    return Feedback(False, f"Not yet: {len(key) - len(wrong)} of {len(key)} are right.",
                    tuple(why.get(f"{exercise}:{k}", f"{k}: think again with the decision "
                                  "rule of this section.") for k in wrong))


def check_sphere_mode(answer: object) -> Feedback:
    """Check the sphere and mode a reader gives each scene of :data:`SPHERE_MODE`.

    Parameters
    ----------
    answer : dict
        Id -> ``"sphere/mode"`` (``"joint/direct"``) or a pair (``("user", "indirect")``).
        ``"customer"`` is read as ``"user"``.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.calls import SPHERE_MODE_KEY as key
    >>> print(check_sphere_mode(dict(key, s2="joint/indirect")))  # doctest: +ELLIPSIS
    Not yet: 4 of 5 are right.
      - s2: ...
    >>> print(check_sphere_mode("joint"))  # doctest: +ELLIPSIS
    Not yet: give your answer as a dictionary ...
    """
    return _check("calls-ex1", answer, _pair, '{"s1": "joint/direct", ...}',
                  "Right. Only a scene in which provider and user act together is in the joint "
                  "sphere; using what the provider made, with no one from the provider taking "
                  "part, is an indirect interaction in the user sphere; preparing resources out "
                  "of the user's sight is the provider sphere.")


def check_tendency(answer: object) -> Feedback:
    """Check the tendency a reader gives each scene of :data:`TENDENCY`.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.calls import TENDENCY_KEY as key
    >>> bool(check_tendency(key)), bool(check_tendency(dict(key, t3="deterritorialising")))
    (True, False)
    """
    return _check("calls-ex2", answer, lambda v: _word(v) if _word(v) in _VOCAB["calls-ex2"]
                  else None, '{"t1": "territorialising", ...}',
                  "Right: a rule that makes every call alike holds a territory; a closure "
                  "undoes one; a new regular meeting draws one again, somewhere else.")


def check_lines(answer: object) -> Feedback:
    """Check the kind of line (``rigid``, ``supple`` or ``flight``) for each scene of :data:`LINES`.

    ``molar`` is read as ``rigid``, ``molecular`` as ``supple`` and ``line of flight`` as
    ``flight``.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.calls import LINES_KEY as key
    >>> bool(check_lines(key)), bool(check_lines(dict(key, l2="line of flight")))
    (True, False)
    """
    return _check("calls-ex3", answer, lambda v: _word(v) if _word(v) in _VOCAB["calls-ex3"]
                  else None, '{"l1": "rigid", ...}',
                  "Right: the sorting rule is rigid segmentarity; the quiet exception is a supple "
                  "line, a crack inside the segments that leaves them standing; leaving the "
                  "service altogether is a rupture, a line of flight, with its own danger.")


def check_valence(answer: object) -> Feedback:
    """Check the valence (``destruction``, ``mixed`` or ``dis/value``) for each scene of
    :data:`VALENCE`.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.calls import VALENCE_KEY as key
    >>> bool(check_valence(key)), bool(check_valence(dict(key, v3="destruction")))
    (True, False)
    """
    return _check("calls-ex4", answer, lambda v: _word(v) if _word(v) in _VOCAB["calls-ex4"]
                  else None, '{"v1": "destruction", ...}',
                  "Right: value lost through a misused resource is destruction; gain and loss "
                  "for one person from one interaction is mixed; a value relation imposed "
                  "against the will the person expressed is dis/value (rule 10).")


def _premises(answer: object) -> tuple[int, ...] | None:
    items: list[object]
    if isinstance(answer, str):
        items = [p for p in answer.replace(",", " ").split() if p]
    elif isinstance(answer, (set, frozenset, list, tuple)):
        items = list(answer)
    else:
        return None
    out = set()
    for item in items:
        text = str(item).strip().upper().removeprefix("FP").strip()
        if not text.isdigit():
            return None
        out.add(int(text))
    return tuple(sorted(out))


def check_axioms(answer: object) -> Feedback:
    """Check which foundational premises of 2008 Vargo and Lusch (2016) raise to axioms.

    Parameters
    ----------
    answer : set of int or str
        Premise numbers, as ``{1, 2}`` or ``{"FP1", "FP2"}`` or ``"FP1, FP2"``.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.calls import AXIOMS_KEY as key
    >>> bool(check_axioms(key)), bool(check_axioms({"FP1"}))
    (True, False)
    >>> print(check_axioms("eleven"))  # doctest: +ELLIPSIS
    Not yet: write the premises as numbers, ...
    """
    nums = _premises(answer)
    if nums is None or not nums:
        return Feedback(False, 'Not yet: write the premises as numbers, for example {1, 2} or '
                               '"FP1, FP2".')
    if key_digest("calls-ex8", "axioms", nums) == _AXIOMS_DIGEST:
        return Feedback(True, "Right: four of the 2008 premises become axioms 1 to 4, and the "
                              "premise added in 2016 (FP11, on institutions) becomes axiom 5.")
    hints = []
    if 11 in nums:
        hints.append("FP11 is new in 2016: it becomes an axiom, but the question asks which of "
                     "the 2008 premises were raised.")
    if len(nums) != 4:
        hints.append(f"You named {len(nums)}; the paper raises four of the 2008 premises.")
    hints.append("Look for the table that sets each premise beside its axiom, and match "
                 "the wording.")
    return Feedback(False, "Not yet: that is not the set the paper raises.", tuple(hints))


# --------------------------------------------------------------------------------------
# The think-aloud: a relation as the case file codes it, and the chapter's call beside it
# --------------------------------------------------------------------------------------


def _interaction(case: Case, rid: str):
    if case.service is None:
        return None
    return next((i for i in case.service.interactions if i.relation == rid), None)


def relation_view(case: Case, rid: str) -> Table:
    """One relation and everything the case file's readings code for it, with their reasons.

    Examples
    --------
    >>> from vcc_helpers import cases
    >>> t = relation_view(cases.load("hospital-discharge"), "r23")
    >>> t.rows[0][0], t.rows[2][1]
    ('From', 'Mrs A, 84')
    >>> str(relation_view(cases.load("hospital-discharge"), "r999"))  # doctest: +ELLIPSIS
    'Relation r999: this case has no relation r999 ...'
    """
    title = f"Relation {rid}"
    if rid not in {r.id for r in case.relations}:
        return Table(("What", "The case file says", "Because"), [], caption=title,
                     empty=f"this case has no relation {rid} (has the case been changed?).")
    r = case.relation(rid)
    rows: list[tuple[str, str, str]] = [
        ("From", case.label(r.source), ""),
        ("Does", r.does, ""),
        ("To", case.label(r.target), ""),
        ("Episode", case.episode(r.episode).label if r.episode else "(none)", ""),
        ("Whose account", case.label(r.account) if r.account in
         {c.id for c in case.components} else (r.account or "(not said)"), ""),
    ]
    it = _interaction(case, rid)
    if case.service is not None:
        rows.append(("Sphere and mode", f"{it.sphere} sphere, {it.mode}" if it
                     else "in no sphere", (it.because or "") if it else ""))
        for v in case.service.value:
            if v.relation == rid:
                rows.append(("Value claim", f"{v.valence}, for {case.label(v.beneficiary)}, "
                             f"by {case.label(v.claimed_by)}", v.because or ""))
    if case.assemblage is not None:
        affects = [a for a in case.assemblage.affects if a.relation == rid]
        for a in affects:
            rows.append(("Affect", f"{a.capacity} ({a.direction}; {a.tendency})",
                         a.because or ""))
        if not affects:
            rows.append(("Affect", "(none recorded)", ""))
    if not any(because for _, _, because in rows):  # no reasons yet: no empty column
        return Table(("What", "The case file says"), [r[:2] for r in rows], caption=title)
    return Table(("What", "The case file says", "Because"), rows, caption=title)


def rule_call(case: Case, rid: str, *, sphere: str | None = None, mode: str | None = None,
              tendency: str | None = None) -> Prose:
    """Set the chapter's rule-based call beside the case file's coding of *rid*, and say
    whether they agree.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> print(rule_call(tiny_case(), "r2", sphere="joint", mode="direct"))  # doctest: +ELLIPSIS
    The rules give r2: joint sphere, direct. The case file agrees...
    >>> print(rule_call(tiny_case(), "r2", sphere="user", mode="indirect"))  # doctest: +ELLIPSIS
    The rules give r2: user sphere, indirect. The case file codes it differently: ...
    """
    if rid not in {r.id for r in case.relations}:
        return Prose(f"This case has no relation {rid}, so there is nothing to compare.")
    ours, theirs = [], []
    it = _interaction(case, rid)
    if sphere is not None:
        ours.append(f"{sphere} sphere, {mode}" if mode else f"{sphere} sphere")
        theirs.append((f"{it.sphere} sphere, {it.mode}" if mode else f"{it.sphere} sphere")
                      if it else "in no sphere")
    if tendency is not None:
        tendencies = sorted({a.tendency for a in (case.assemblage.affects if case.assemblage
                                                   else ()) if a.relation == rid})
        ours.append(tendency)
        theirs.append(" or ".join(tendencies) if tendencies else "no affect recorded")
    text = f"The rules give {rid}: {'; '.join(ours)}."
    if ours == theirs:
        return Prose(text + " The case file agrees.")
    return Prose(text + f" The case file codes it differently: {'; '.join(theirs)}. Read its "
                 "reasons in the table above: if they convince you, the rule needs a "
                 "qualification; if not, this is a disagreement to bring to the calibration "
                 "below.")


def lines_table(case: Case, episode: str | None = None) -> Table:
    """The lines the case file records (in *episode*, if given), each with its kind
    (molar, molecular or flight) and its reason.

    Examples
    --------
    >>> from vcc_helpers import cases
    >>> t = lines_table(cases.load("hospital-discharge"), "nine-days-on")
    >>> t.header[:3]
    ('Line', 'From', 'Toward')
    """
    lines = [f for f in (case.assemblage.lines_of_flight if case.assemblage else ())
             if episode is None or f.episode == episode]
    where = ""
    if episode is not None:
        known = {e.id for e in case.episodes}
        where = f" in '{case.episode(episode).label}'" if episode in known else f" in {episode}"
    return Table(("Line", "From", "Toward", "Danger", "Captured by", "Because"),
                 [(f.line, f.source, f.toward, f.danger, f.captured_by, f.because or "")
                  for f in lines],
                 caption=f"Lines the case file records (molar, molecular, flight){where}",
                 empty="the case file records none.")


# --------------------------------------------------------------------------------------
# The calibration readings (made up)
# --------------------------------------------------------------------------------------

CALIBRATION_FILES: tuple[str, str] = ("reader-a.yaml", "reader-b.yaml")
"""The two made-up readings of one small case, in ``vcc_helpers/cases/calibration/``."""


def calibration_readings() -> tuple[Case, Case]:
    """The two made-up readings of the calibration exercise, Reader A's then Reader B's.

    They describe the same components and relations and read them differently; both are
    ordinary ``vcc-case/1`` files (Reader A's raises one validator warning, on purpose).
    """
    from vcc_helpers.casefile import loads_case

    folder = resources.files("vcc_helpers.cases") / "calibration"
    a, b = (loads_case((folder / name).read_text(encoding="utf-8"),
                       filename=f"vcc_helpers/cases/calibration/{name}")
            for name in CALIBRATION_FILES)
    return a, b



def calibration_relations(case: Case) -> Table:
    """The relations both calibration readers code (id, who or what, does what, to whom).

    Examples
    --------
    >>> a, _ = calibration_readings()
    >>> len(calibration_relations(a))
    6
    """
    return Table(("Id", "From", "Does", "To"),
                 [(r.id, case.label(r.source), r.does, case.label(r.target))
                  for r in case.relations],
                 caption=f"The relations of '{case.title}'")


def agreement_table(agreement: Mapping[str, float]) -> Table:
    """An agreement mapping (field -> share, 0 to 1) as a table of percentages, lowest first.

    Examples
    --------
    >>> agreement_table({"sphere": 0.8333, "mode": 1.0}).rows
    (('sphere', '83%'), ('mode', '100%'))
    """
    rows = sorted(agreement.items(), key=lambda kv: (kv[1], kv[0]))
    return Table(("Field", "Agreement"), [(k, f"{v:.0%}") for k, v in rows],
                 caption="How often the two readers made the same call, by field",
                 empty="there is nothing the two readings both code.")
