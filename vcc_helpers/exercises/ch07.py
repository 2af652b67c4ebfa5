"""Chapter 7, *Your own case*: the answer checks, and the broken case file they are about.

The chapter walks a reader from a blank template (or a spreadsheet, or the case
builder) to a checked case file, both readings, two figures, the exports and a
reflection, packed for handing in. The checks live here:
:func:`check_fixed`, :func:`check_error_parts`, :func:`check_plain_words`,
:func:`check_description` and :func:`check_handin` answer the exercises with a
:class:`~vcc_helpers.exercises._common.Feedback`, never raising.

The command runner (``Runner``, ``run``) and the file helpers that never overwrite a
file (``work_folder``, ``copy_template``, ``example_csvs``, ``add_readings``, ``pack``,
...) live in :mod:`vcc_helpers.exercises.pages.ch07`; this module forwards their names
(:data:`SHOWN`), so ``ch07.Runner`` keeps working.

Examples
--------
>>> bool(check_fixed(broken_case()))
False
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

from vcc_helpers.casefile import Problem, check_case
from vcc_helpers.model import Case, is_human

from . import data
from ._common import Feedback, key_digest, listing, model_answer, page_helper

__all__ = [
    "BROKEN_CASE", "broken_case", "broken_problems", "check_fixed", "ERROR_LINE",
    "check_error_parts",
    "LENS_WORDS", "LADEN", "check_plain_words", "check_description", "HANDIN", "check_handin",
]

SHOWN = (
    "CommandResult", "run", "Runner", "FileNote", "WORK_DIR_NAME", "WORK_DIR_ENV", "work_folder",
    "scratch_folder", "write_new", "template_text", "copy_template", "example_csvs", "csv_table",
    "columns_table", "numbered", "tail", "add_readings", "questions_table", "reflection_skeleton",
    "write_reflection", "pack", "Listing", "READINGS_BLOCK", "readings_block",
    "EXAMPLE_CSV_NAMES", "example_csv_text", "EXAMPLE_CSVS",
)
"""What the chapter's page shows (tables, prose, file helpers): they live in
:mod:`vcc_helpers.exercises.pages.ch07`, and this module forwards each name there."""


# --------------------------------------------------------------------------------------
# Exercise: fix a broken case file
# --------------------------------------------------------------------------------------

BROKEN_CASE: str  # declared only: read from its file when first asked for (__getattr__)
"""A case file with four mistakes (and one near-miss that is only a hint), for the chapter:
``vcc_helpers/exercises/data/ch07/broken.yaml``, the same text as :func:`broken_case`."""


def broken_case() -> str:
    """The text of the broken case file (:data:`BROKEN_CASE`), read when first asked for.

    Examples
    --------
    >>> broken_case().splitlines()[2]
    'id: damp-flat'
    """
    return data.text("ch07/broken.yaml")


_MODEL_ANSWERS = ("FIXED_CASE", "ERROR_PARTS", "PLAIN_ANSWER")
"""Names forwarded to :mod:`vcc_helpers.exercises.answers.ch07` (absent from the student
edition)."""

ERROR_LINE: str  # declared only: computed when first asked for, by __getattr__ below


def __getattr__(name: str):
    if name in SHOWN:
        return page_helper("ch07", name)
    if name in _MODEL_ANSWERS:
        return model_answer("ch07", name)
    if name == "ERROR_LINE":
        return str(_error_line())
    if name == "BROKEN_CASE":
        return broken_case()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def broken_problems() -> tuple[list[Problem], list[Problem]]:
    """The validator's errors and hints for :data:`BROKEN_CASE`, read as ``broken.yaml``.

    Examples
    --------
    >>> errors, hints = broken_problems()
    >>> len(errors) > 0, len(hints)
    (True, 1)
    """
    _, errors, hints = check_case(broken_case(), filename="broken.yaml", fmt="yaml")
    return list(errors), list(hints)


def _error_line() -> Problem:
    for p in broken_problems()[0]:
        if p.field == "relations[1].to":
            return p
    raise LookupError("the broken example no longer gives an error at relations[1].to")


_ERROR_KEY: dict[str, str] = {
    "file": "742b672e11b27541", "line": "ff1f779999a36880", "column": "427d153c0c67c1f8",
    "field": "63dd30ea1b46081d", "relation_number": "2bfd10a70b919533",
}
"""The parts of ``ERROR_LINE`` (file, line, column, field, and which relation it is,
counting from 1) as digests; the parts themselves: ``answers.ch07.ERROR_PARTS``.
``ERROR_LINE`` is computed by the validator when first asked for, not at import."""


def check_fixed(text: object) -> Feedback:
    """Check a reader's fix of :data:`BROKEN_CASE` (the fixed text, or the path of a file).

    The fix must validate with no errors, keep the three components, the two
    relations and the interaction, and mend what was wrong rather than delete it.

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch07 import FIXED_CASE
    >>> print(check_fixed(FIXED_CASE))  # doctest: +ELLIPSIS
    Right: the file validates...
    >>> f = check_fixed(broken_case())
    >>> f.correct, f.message.startswith("Not yet: the validator still finds")
    (False, True)
    >>> print(check_fixed(FIXED_CASE.replace("  - {id: r2", "  # - {id: r2")))
    Not yet: the file validates, but something was taken out rather than fixed.
      - the relation r2 is missing: give it the right 'to' instead of removing it.
    """
    if isinstance(text, Path) or (isinstance(text, str) and "\n" not in text and text.strip()
                                  and Path(text).is_file()):
        try:
            text = Path(text).read_text(encoding="utf-8")
        except OSError as exc:
            return Feedback(False, f"Not yet: I could not read that file ({exc.strerror}).")
    if not isinstance(text, str) or not text.strip():
        return Feedback(False, "Not yet: give the fixed text of the case file as a string "
                        "(between triple quotes), or the path of the file you fixed.")
    case, errors, hints = check_case(text, filename="broken.yaml", fmt="yaml")
    if errors:
        shown = tuple(str(p) for p in errors[:4])
        more = f" (showing {len(shown)})" if len(errors) > len(shown) else ""
        return Feedback(False, f"Not yet: the validator still finds {len(errors)} "
                        f"problem{'s' if len(errors) != 1 else ''}{more}. Read each line as "
                        "FILE:LINE:COLUMN: FIELD: message and fix that place.", shown)
    assert case is not None  # no errors: check_case returned the case
    missing = []
    comps = {c.id: c for c in case.components}
    for cid in ("tenant", "mould", "form"):
        if cid not in comps:
            missing.append(f"the component {cid} is missing: fix it rather than remove it.")
    for rid in ("r1", "r2"):
        if rid not in {r.id for r in case.relations}:
            missing.append(f"the relation {rid} is missing: give it the right 'to' instead of "
                           "removing it.")
    placed = {i.relation: i for i in (case.service.interactions if case.service else ())}
    if "r1" not in placed:
        missing.append("the interaction of r1 is missing: give it a sphere the validator knows.")
    if missing:
        return Feedback(False, "Not yet: the file validates, but something was taken out "
                        "rather than fixed.", tuple(missing))
    notes = []
    if comps["tenant"].label != "Ms K, the tenant":
        notes.append("the tenant's label should be the whole of 'Ms K, the tenant': put it in "
                     "quotes, because a comma inside { } ends the value.")
    if not comps["mould"].label.strip() or comps["mould"].label == "mould":
        notes.append("the mould needs its label back: 'The black mould'.")
    if case.relation("r2").target != "tenant":
        notes.append("r2 should still go from the mould to the tenant.")
    if placed["r1"].sphere != "user":
        notes.append("'customer' was the customer sphere of Grönroos and Voima, which this book "
                     "calls the user sphere: use 'user'.")
    if notes:
        return Feedback(False, "Not yet: the file validates, but it no longer says what the "
                        "broken file meant to say.", tuple(notes))
    extra: tuple[str, ...] = ()
    if hints:
        extra = tuple(f"A hint remains (not an error): {h}" for h in hints)
    return Feedback(True, "Right: the file validates, and it still says what it meant to say. "
                    "Quoting a label with a comma, spelling keys and ids exactly, and using the "
                    "sphere names the format knows are the three habits that prevent most "
                    "mistakes.", extra)


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def check_error_parts(answer: object) -> Feedback:
    """Check a reader's reading of :data:`ERROR_LINE`: its file, line, column, field and relation.

    Parameters
    ----------
    answer : dict
        Keys ``"file"``, ``"line"``, ``"column"``, ``"field"`` and
        ``"relation_number"`` (which relation of the file, counting from 1).

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch07 import ERROR_PARTS
    >>> bool(check_error_parts(ERROR_PARTS))
    True
    >>> wrong = dict(ERROR_PARTS, relation_number=1)
    >>> print(check_error_parts(wrong))  # doctest: +ELLIPSIS
    Not yet: 4 of the 5 parts are right.
      - relation_number: lists in a field count from 0, so relations[1] is the second relation...
    """
    if not isinstance(answer, dict) or not answer:
        return Feedback(False, "Not yet: answer with a dictionary with the keys 'file', 'line', "
                        "'column', 'field' and 'relation_number'.")
    hints, right = [], 0
    for key, want in _ERROR_KEY.items():
        got = answer.get(key)
        if key in ("line", "column", "relation_number"):
            ok = key_digest("ch7-ex2", key, _as_int(got)) == want
        else:
            ok = isinstance(got, str) and key_digest("ch7-ex2", key, got.strip()) == want
        if ok:
            right += 1
            continue
        if got is None:
            hints.append(f"{key}: missing.")
        elif key == "relation_number":
            hints.append("relation_number: lists in a field count from 0, so relations[1] is the "
                         "second relation of the file (count from 1 as a reader would).")
        elif key == "field":
            hints.append("field: the fourth part, a path from the top of the file, such as "
                         "components[0].label.")
        elif key == "file":
            hints.append("file: the first part, before the first colon.")
        else:
            hints.append(f"{key}: the {'second' if key == 'line' else 'third'} part, a number.")
    if right == len(_ERROR_KEY):
        return Feedback(True, "Right: the file, then the line and column where the problem "
                        "starts, then the field as a path from the top of the file, then the "
                        "message. Open the file at that line and the mistake is under the "
                        "column.")
    return Feedback(False, f"Not yet: {right} of the {len(_ERROR_KEY)} parts are right.",
                    tuple(hints))


# --------------------------------------------------------------------------------------
# Exercise: is the neutral description neutral?
# --------------------------------------------------------------------------------------

LENS_WORDS: tuple[str, ...] = (
    "provider", "provides", "user", "value", "co-creat", "co-produc", "sphere", "affect",
    "territor", "assemblage", "line of flight", "capacity", "proposition",
)
"""Words of the two lenses that a neutral ``does`` usually leaves to the readings."""

_WORD_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in LENS_WORDS) + r")", re.IGNORECASE)


LADEN: dict[str, str] = {
    "a": "co-creates value with the tenant by assessing the damp",
    "b": "territorialises the tenant's time with a four-week target",
    "c": "provides a value proposition of repairs within the target time",
}
"""Three ``does`` written in the lenses' words, for exercise ch7-ex4 (r5, r3 and the form)."""


def check_plain_words(answer: object) -> Feedback:
    """Check rewordings of :data:`LADEN` that say what happens without the lenses' words.

    Parameters
    ----------
    answer : dict
        ``"a"``, ``"b"`` and ``"c"`` mapped to the reader's rewording (text).

    Examples
    --------
    >>> from vcc_helpers.exercises.answers.ch07 import PLAIN_ANSWER
    >>> bool(check_plain_words(PLAIN_ANSWER))
    True
    >>> print(check_plain_words(dict(PLAIN_ANSWER, b=LADEN["b"])))
    Not yet: 2 of the 3 say what happens in plain words.
      - b: 'territor' is a word of the assemblage lens; say what the target date does, in everyday words.
    """  # noqa: E501 (a doctest's expected output is one line)
    if not isinstance(answer, dict) or not answer:
        return Feedback(False, "Not yet: answer with a dictionary from 'a', 'b' and 'c' to your "
                        "rewording of each.")
    hints, good = [], 0
    for key, laden in LADEN.items():
        text = answer.get(key)
        if not isinstance(text, str) or not text.strip():
            hints.append(f"{key}: missing.")
            continue
        words = re.findall(r"[A-Za-z']+", text)
        m = _WORD_RE.search(text)
        if m:
            lens = "assemblage" if m.group(1).lower() in (
                "affect", "territor", "assemblage", "line of flight", "capacity") else "service"
            hints.append(f"{key}: '{m.group(1).lower()}' is a word of the {lens} lens; say what "
                         f"{_SUBJECT[key]} does, in everyday words.")
        elif text.strip().lower() == laden.lower():
            hints.append(f"{key}: this is the original wording.")
        elif len(words) < 3:
            hints.append(f"{key}: say a little more: what is done, and to whom or what?")
        else:
            good += 1
    if good == len(LADEN):
        return Feedback(True, "Right: each now says what happens, so both readings can be laid "
                        "on top of the same description, and a reader can disagree with a "
                        "reading without having to rewrite the case.")
    return Feedback(False, f"Not yet: {good} of the {len(LADEN)} say what happens in plain words.",
                    tuple(hints))


_SUBJECT = {"a": "the surveyor", "b": "the target date", "c": "the form"}


def check_description(case: Case) -> Feedback:
    """Look over a case's neutral description before the readings go on top.

    The check asks what the book's rubric asks of a description: components of
    several kinds, including things, rules or places, not only people;
    relations that say whose account they are; episodes that show change; and
    relations told in plain words, leaving the lens words (provider, user,
    value, sphere, affect, territory, ...) to the readings.  It is a prompt for
    a second look, not a mark.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> f = check_description(tiny_case())
    >>> f.correct
    False
    >>> print(f.hints[0])
    6 of the 7 relations do not say whose account they are (r2, r3, r4, r5, r6 and r7): add 'account' to each.
    """  # noqa: E501 (a doctest's expected output is one line)
    if not isinstance(case, Case):
        return Feedback(False, "Not yet: give the check a case, for example "
                        "load_case('my-case.yaml') from vcc_helpers.casefile.")
    hints = []
    nonhuman = [c for c in case.components if not is_human(c)]
    kinds = {k for c in case.components for k in c.kinds}
    if len(nonhuman) < 3:
        hints.append(f"Only {len(nonhuman)} of the {len(case.components)} components are not "
                     "people: which things, places, rules, documents or times act here too?")
    if len(kinds) < 4:
        hints.append(f"The components have {len(kinds)} kind{'s' if len(kinds) != 1 else ''} "
                     f"({listing(sorted(kinds))}): a case usually has more.")
    silent = [r.id for r in case.relations if not r.account]
    if silent:
        one = len(silent) == 1
        hints.insert(0, f"{len(silent)} of the {len(case.relations)} relations "
                     f"{'does' if one else 'do'} not say whose account "
                     f"{'it is' if one else 'they are'} ({listing(silent)}): add 'account' to "
                     f"{'it' if one else 'each'}.")
    if len(case.relations) < 6:
        hints.append(f"{len(case.relations)} relations are few for two readings: what else "
                     "happens, and to whom or what?")
    if len(case.episodes) < 2:
        hints.append("Fewer than two episodes: episodes let both readings see change over time.")
    for r in case.relations:
        m = _WORD_RE.search(r.does)
        if m:
            hints.append(f"{r.id} says '{r.does}': '{m.group(1)}' is a word of the lenses. "
                         "Say what happens in plain words and leave the reading to the readings.")
    if hints:
        return Feedback(False, f"Worth another look: {len(hints)} "
                        f"thing{'s' if len(hints) != 1 else ''} to consider before the "
                        "readings go on top.", tuple(hints))
    return Feedback(True, f"Ready for the readings: {len(case.components)} components of "
                    f"{len(kinds)} kinds ({len(nonhuman)} of them not people), "
                    f"{len(case.relations)} relations each with its account, "
                    f"{len(case.episodes)} episodes, and no lens words in what the relations "
                    "do. Whether the description is true to the service is for you, and the "
                    "people in it, to judge.")


# --------------------------------------------------------------------------------------
# Exercise: is the hand-in complete?
# --------------------------------------------------------------------------------------

HANDIN: tuple[str, ...] = (
    "one case file (.yaml, .yml or .json) that validates, with both readings",
    "two figures (.svg, .png or .pdf): the sphere diagram and the assemblage map",
    "a written reflection (.md, .txt, .docx, .odt or .pdf) with a section on what the tool "
    "could not hold",
)
"""What a hand-in zip holds (the chapter's checklist)."""

_CASE_EXT = (".yaml", ".yml", ".json")
_TEXT_EXT = (".md", ".txt")


def check_handin(path: object) -> Feedback:
    """Check that a hand-in zip holds a valid case file, two figures and a reflection.

    Parameters
    ----------
    path : str or path
        The zip file.

    Returns
    -------
    Feedback
        Right when the three items of :data:`HANDIN` are there; hints name what
        is missing, and note (without failing) a short reflection.

    Examples
    --------
    >>> print(check_handin(None))  # doctest: +ELLIPSIS
    Not yet: give the path of your zip file...
    """
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        return Feedback(False, "Not yet: give the path of your zip file, for example "
                        "'hand-in.zip'.", HANDIN)
    p = Path(path)
    if not p.is_file():
        return Feedback(False, f"Not yet: there is no file called {p.name} here.", HANDIN)
    try:
        with zipfile.ZipFile(p) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")
                     and not Path(n).name.startswith(".")]
            blobs = {n: zf.read(n) for n in names
                     if n.lower().endswith(_CASE_EXT + _TEXT_EXT)}
    except (zipfile.BadZipFile, OSError):
        return Feedback(False, f"Not yet: {p.name} is not a zip file I can open.", HANDIN)
    low = {n: n.lower() for n in names}
    hints, notes = [], []
    case_files = [n for n in names if low[n].endswith(_CASE_EXT)]
    images = [n for n in names if low[n].endswith((".svg", ".png"))]
    pdfs = [n for n in names if low[n].endswith(".pdf")]
    texts = [n for n in names if low[n].endswith(_TEXT_EXT)]
    docs = [n for n in names if low[n].endswith((".docx", ".odt"))]
    # a PDF is the reflection when nothing else is; any other PDF is a figure
    reflection_pdf = pdfs[:1] if not (texts or docs) else []
    figures = images + [n for n in pdfs if n not in reflection_pdf]
    if not case_files:
        hints.append("No case file (.yaml, .yml or .json).")
    elif len(case_files) > 1:
        hints.append(f"{len(case_files)} case files ({listing(case_files)}): hand in one.")
    else:
        name = case_files[0]
        try:
            text = blobs[name].decode("utf-8")
        except UnicodeDecodeError:
            text = None
            hints.append(f"{name} is not UTF-8 text.")
        if text is not None:
            case, errors, _ = check_case(text, filename=name)
            if errors:
                hints.append(f"{name} does not validate: {errors[0]}"
                             + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
            else:
                assert case is not None  # no errors: check_case returned the case
                if case.service is None:
                    hints.append(f"{name} has no service reading.")
                if case.assemblage is None:
                    hints.append(f"{name} has no assemblage reading.")
    if len(figures) < 2:
        hints.append(f"{len(figures)} figure{'s' if len(figures) != 1 else ''}: hand in two, "
                     "the sphere diagram and the assemblage map (python -m vcc_helpers draw).")
    reflection = texts
    if not (texts or docs or reflection_pdf):
        hints.append("No reflection (.md, .txt, .docx, .odt or .pdf).")
    for n in reflection:
        try:
            text = blobs[n].decode("utf-8")
        except UnicodeDecodeError:
            hints.append(f"{n} is not UTF-8 text.")
            continue
        if "what this tool could not hold" not in text.lower() and \
                "what the tool could not hold" not in text.lower():
            hints.append(f"{n} has no section on what the tool could not hold.")
        own = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
        words = len(re.findall(r"\w+", own))
        notes.append(f"{n} has about {words} words of your own (not counting quoted blocks); "
                     "if your course asks for a length, check it.")
        break
    if hints:
        things = "one thing" if len(hints) == 1 else f"{len(hints)} things"
        return Feedback(False, f"Not yet: {things} "
                        f"to put right in {p.name}.", tuple(hints))
    return Feedback(True, f"Right: {p.name} holds a case file that validates with both readings, "
                    f"{len(figures)} figures and a reflection. Read it through once more as "
                    "your marker will.", tuple(notes))


def __dir__() -> list[str]:
    return sorted([*globals(), *SHOWN])
