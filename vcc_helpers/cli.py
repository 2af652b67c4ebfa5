"""The command line:
``python -m vcc_helpers validate|feedback|compare|export|import-csv|import-sheet|describe|draw``.

For instructors and authors who keep cases in files.  No traceback ever reaches
the reader: a problem in a case file is printed as ``FILE:LINE:COLUMN: FIELD:
message`` (every problem of the file), anything else as one line ``error: ...``.
Exit status: 0 done, 1 problems or errors, 2 a mistake in the command itself.
The ``--lens`` choices of ``describe`` and ``draw`` are the registered lenses
(:mod:`vcc_helpers.lenses.base`).

Examples
--------
>>> from importlib.resources import files
>>> main(["validate", str(files("vcc_helpers") / "cases" / "template.yaml")])  # doctest: +ELLIPSIS
ok: .../template.yaml (3 components, 2 relations, 1 episode)
0
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .casefile import (
    CaseFileError, Problem, RoundTripLoss, atomic_write, check_case, load_case, save_case,
)
from .lenses import lens_ids, lenses

__all__ = ["main", "build_parser", "printable"]

_PROG = "python -m vcc_helpers"


# What a terminal would act on, or show misleadingly: C0 controls except tab and newline,
# DEL, C1 controls (ESC [ 2 J clears the screen; ESC ] sets the window title), bidi
# embeddings, overrides and isolates, line and paragraph separators, lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                          "\u2028\u2029\ud800-\udfff]")


def printable(text: object) -> str:
    r"""*text* as the terminal may show it: every control character written as an escape.

    Everything the command line prints goes through this, so nothing a case file holds
    (a title, a label, a key, a file name) can act on the reader's terminal.

    Examples
    --------
    >>> printable("Mrs A\x1b[2J")
    'Mrs A\\x1b[2J'
    >>> printable("tab\tand\nnewline stay; \u202eRLO, \x9b and \ud800 do not")
    'tab\tand\nnewline stay; \\u202eRLO, \\x9b and \\ud800 do not'
    """
    def escape(m: re.Match) -> str:
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    return _UNPRINTABLE.sub(escape, str(text))


def _say(text: object, stream=None) -> None:
    """Print one message (on standard output unless *stream*), escaped by :func:`printable`."""
    print(printable(text), file=sys.stdout if stream is None else stream)


class _Failure(Exception):
    """An expected failure: printed as ``error: <message>``."""


def _footer(case) -> str | None:
    """"What this tool could not hold", when the reinterpretation lens is installed."""
    try:
        from .lenses.reinterpret import could_not_hold
    except ModuleNotFoundError as exc:
        if exc.name in (f"{__package__}.lenses", f"{__package__}.lenses.reinterpret"):
            return None
        raise
    return could_not_hold(case)


def _load(path: str):
    return load_case(path)


def _print_problems(problems: list[Problem], stream) -> None:
    for p in problems:
        _say(p, stream)


def _cmd_validate(args) -> int:
    status = 0
    for name in args.files:
        case, errors, notes = check_case(Path(name), filename=name)
        for n in notes:  # warnings and hints: printed, never a reason to refuse
            _say(f"{n.severity}: {n}", sys.stderr)
        if errors:
            _print_problems(errors, sys.stdout)
            status = 1
        else:
            assert case is not None  # no errors: check_case returned the case
            _say(f"ok: {name} ({_n(len(case.components), 'component')}, "
                 f"{_n(len(case.relations), 'relation')}, {_n(len(case.episodes), 'episode')})")
    return status


def _cmd_feedback(args) -> int:
    from .feedback import feedback_file

    case, prompts = feedback_file(args.file)     # a refused file raises CaseFileError: exit 1
    shown = prompts if args.all else prompts[:FEEDBACK_SHOWN]
    for p in shown:
        _say(p.text())
    if len(prompts) > len(shown):
        _say(f"and {len(prompts) - len(shown)} more (--all shows them)")
    if not prompts:
        _say(f"no prompts for {args.file}: read it once more against chapter 7's questions")
    return 0


def _cmd_compare(args) -> int:
    from .compare import class_report, compare

    report = class_report(args.files)
    ids = {f.case.id for f in report.files if f.case is not None}
    one_case = not args.as_class and len(report.files) >= 2 and not report.refused \
        and len(ids) == 1
    result = compare([f.case for f in report.files if f.case is not None],
                     names=[f.name for f in report.files]) if one_case else report
    if not report.files:
        raise _Failure("no case files to compare (.yaml, .yml or .json)")
    _say(result.text())
    if args.output:
        _refuse_existing(args.output, args.force)
        atomic_write(args.output, result.to_html(), overwrite=args.force)
        _say(f"wrote {args.output}")
    if args.csv:
        _refuse_existing(args.csv, args.force)
        result.to_csv(args.csv)
        _say(f"wrote {args.csv}")
    return 0


FEEDBACK_SHOWN = 12
"""How many prompts ``feedback`` prints before "and N more"."""


def _refuse_existing(out: str, force: bool) -> None:
    if not force and Path(out).exists():
        raise _Failure(f"{out} exists; use --force to replace it")


def _cmd_export(args) -> int:
    from .export import ExportError, export_case, format_from_name

    try:
        if not args.to:
            format_from_name(args.output)      # a bad name fails before the case is read
        case = _load(args.file)
        _refuse_existing(args.output, args.force)
        export_case(case, args.output, format=args.to, overwrite=args.force,
                    footer=_footer(case), timeline=args.timeline)
    except ExportError as exc:
        raise _Failure(str(exc)) from None
    _say(f"wrote {args.output}")
    return 0


def _print_notes(problems: list[Problem], stream) -> None:
    """Problems of every severity, in order: an error as it is, a warning or hint prefixed."""
    for p in problems:
        severity = getattr(p, "severity", "error")
        _say(p if severity == "error" else f"{severity}: {p}", stream)


def _cmd_import_csv(args) -> int:
    from .csvimport import check_csv

    return _import(args, lambda case_id, title: check_csv(
        args.components, args.relations, args.episodes, case_id=case_id, title=title))


def _cmd_import_sheet(args) -> int:
    from .csvimport import check_workbook

    return _import(args, lambda case_id, title: check_workbook(
        args.workbook, case_id=case_id, title=title))


def _import(args, check) -> int:
    """The two importers' shared steps: refuse an existing output, check, print, save."""
    from .csvimport import default_id_and_title, in_order

    _refuse_existing(args.output, args.force)
    case_id, title = default_id_and_title(args.output)
    case, errors, notes = check(args.id or case_id, args.title or title)
    _print_notes(in_order(errors + notes), sys.stderr)
    if errors:
        return 1
    assert case is not None  # no errors: the importer returned the case
    fmt = "json" if Path(args.output).suffix.lower() == ".json" else "yaml"
    save_case(case, args.output, fmt=fmt, overwrite=args.force)
    _say(f"wrote {args.output} ({_n(len(case.components), 'component')}, "
         f"{_n(len(case.relations), 'relation')}, {_n(len(case.episodes), 'episode')})")
    return 0


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _cmd_describe(args) -> int:
    case = _load(args.file)
    from .describe import describe_case

    text = describe_case(case, args.lens)
    _say(text[:-1] if text.endswith("\n") else text)
    return 0


def _cmd_draw(args) -> int:
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".svg", ".png"):
        raise _Failure(f"cannot draw to {args.output}: the name must end in .svg or .png")
    case = _load(args.file)
    _refuse_existing(args.output, args.force)
    from .figures import draw

    figure = draw(case, args.lens, episode=args.episode) if args.episode else draw(case, args.lens)
    if suffix == ".svg" and (args.width or args.dpi):
        raise _Failure("--width and --dpi size a PNG; an SVG is drawn at 672 px and scales")
    if args.width is not None and args.width < 100:
        raise _Failure(f"--width must be at least 100 pixels; got {args.width}")
    if args.dpi is not None and not 20 <= args.dpi <= 1200:
        raise _Failure(f"--dpi must be between 20 and 1200; got {args.dpi}")
    data = figure.svg() if suffix == ".svg" else figure.png(args.dpi, width_px=args.width)
    atomic_write(args.output, data, overwrite=args.force)
    _say(f"wrote {args.output}")
    _say(f"alt: {figure.alt}")
    return 0


def _columns(table: str) -> str:
    """A CSV table's columns for the help text, optional ones in brackets (from the schema)."""
    from .csvimport import COLUMNS, REQUIRED_COLUMNS

    req = REQUIRED_COLUMNS[table]
    rest = [c for c in COLUMNS[table] if c not in req]
    return ",".join(req) + (f"[,{','.join(rest)}]" if rest else "")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (shown by ``python -m vcc_helpers --help``)."""
    from .csvimport import LIST_SEPARATOR

    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Check, convert and draw value co-creation case files (vcc-case/1).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("validate", help="check case files and report every problem",
                       description="Check case files. Prints 'ok: FILE (...)' for a good file "
                                   "and one line per problem otherwise; 'hint:' lines (on "
                                   "standard error) point out near-misses in open vocabularies.")
    p.add_argument("files", nargs="+", metavar="FILE", help="a case file (.yaml, .yml or .json)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("feedback", help="read a case back: prompts, never grades",
                       description="Read a case back: the validator's warnings and prompts on "
                                   "what each lens may have missed, most important first, "
                                   "each naming what it concerns and the book section that "
                                   "explains it. Exit 0 unless the file is refused.")
    p.add_argument("file", metavar="FILE", help="a case file (.yaml, .yml or .json)")
    p.add_argument("--all", action="store_true",
                   help=f"print every prompt (default: the first {FEEDBACK_SHOWN})")
    p.set_defaults(func=_cmd_feedback)

    p = sub.add_parser(
        "compare", help="compare readings of one case, or report on a class folder",
        description="Given files that all read one case (the same case id), compare the "
                    "readings relation by relation (sphere, mode, direction, tendency, lines "
                    "of flight), with the proportion agreement per field and the residue each "
                    "reading leaves. Given files of several cases, files the validator refuses, "
                    "a folder, or --class: a class report (recurring kinds, components, "
                    "residue and prompts; refused files with their first error). Names files, "
                    "not people. Exit 0 unless a file cannot be read at all.")
    p.add_argument("files", nargs="+", metavar="FILE", help="case files, or a folder of them")
    p.add_argument("--class", dest="as_class", action="store_true",
                   help="always write the class report")
    p.add_argument("-o", "--output", metavar="REPORT.html", help="write the report as HTML")
    p.add_argument("--csv", metavar="OUT.csv", help="write the rows as CSV")
    p.add_argument("--force", action="store_true", help="replace the outputs if they exist")
    p.set_defaults(func=_cmd_compare)

    p = sub.add_parser("export", help="write a case as YAML, JSON, GraphML or GEXF",
                       description="Write a case in another format. Every export ends with "
                                   "'what this tool could not hold'.")
    p.add_argument("file", metavar="FILE", help="the case file")
    p.add_argument("--to", choices=("yaml", "json", "graphml", "gexf"),
                   help="the output format (default: from the name of OUT: .yaml, .yml, "
                        ".json, .graphml or .gexf)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    p.add_argument("--timeline", action="store_true",
                   help="GraphML and GEXF: the episodes as times, episode k at time k (a "
                        "dynamic GEXF that Gephi's timeline plays)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "import-csv", help="build a case file from CSV tables",
        description="Build a case from CSV tables (comma, semicolon or tab separated; column "
                    f"names in any case). components.csv: {_columns('components')} "
                    f"(kinds separated by {LIST_SEPARATOR!r}); relations.csv: "
                    f"{_columns('relations')}; episodes.csv (optional): "
                    f"{_columns('episodes')}; with it, "
                    "every relation's episode must be one of its ids. Other columns are "
                    "ignored with a warning. Episodes come in the order the relations first "
                    "name them. The case is checked before it is written: every problem of "
                    "every row is printed; 'warning:' lines are accepted but worth reading.")
    p.add_argument("components", metavar="COMPONENTS.csv")
    p.add_argument("relations", metavar="RELATIONS.csv")
    p.add_argument("-o", "--output", required=True, metavar="CASE.yaml",
                   help="the case file to write (.yaml or .json)")
    p.add_argument("--episodes", metavar="EPISODES.csv",
                   help="the episodes: their ids, labels and descriptions")
    p.add_argument("--id", help="the case id (default: from the output file name)")
    p.add_argument("--title", help="the case title (default: from the output file name)")
    p.add_argument("--force", action="store_true", help="replace the output if it exists")
    p.set_defaults(func=_cmd_import_csv)

    p = sub.add_parser(
        "import-sheet", help="build a case file from an .xlsx workbook",
        description="Build a case from one Excel workbook (.xlsx) with sheets named "
                    "components, relations and (optionally) episodes, whose columns are "
                    "those of import-csv. Needs the openpyxl package "
                    "(pip install openpyxl). Problems name the workbook, the sheet and the "
                    "row: BOOK.xlsx:SHEET:ROW: COLUMN: message.")
    p.add_argument("workbook", metavar="WORKBOOK.xlsx")
    p.add_argument("-o", "--output", required=True, metavar="CASE.yaml",
                   help="the case file to write (.yaml or .json)")
    p.add_argument("--id", help="the case id (default: from the output file name)")
    p.add_argument("--title", help="the case title (default: from the output file name)")
    p.add_argument("--force", action="store_true", help="replace the output if it exists")
    p.set_defaults(func=_cmd_import_sheet)

    ids = lens_ids()
    p = sub.add_parser("describe", help="describe a case in plain language",
                       description="Describe a case through one lens, 'both' (service and "
                                   "assemblage) or 'all' registered lenses, then what each "
                                   "lens cannot hold.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lens", choices=(*ids, "both", "all"), default="both")
    p.set_defaults(func=_cmd_describe)

    named = "; ".join(f"'{x.id}' {x.title}" for x in lenses())
    p = sub.add_parser("draw", help="draw a case through one lens (SVG or PNG)",
                       description=f"Draw a case through a lens ({named}) or 'episodes' the "
                                   "episode strip. Prints the figure's alt text.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lens", required=True, choices=(*ids, "episodes"))
    p.add_argument("--episode", help="an episode id to highlight on the assemblage map")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the image to write (.svg or .png)")
    p.add_argument("--width", type=int, metavar="PX",
                   help="width of a PNG in pixels (default: 1400, i.e. 200 dpi)")
    p.add_argument("--dpi", type=int, help="resolution of a PNG (default 200)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_draw)
    return parser


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 done, 1 problems or errors, 2 a mistake in the command (argparse).
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CaseFileError as err:
        if err.problems:
            _print_problems(err.problems, sys.stderr)
        else:  # a lookup of a reader's word (CaseFileKeyError)
            _say(f"error: {_one_line(err)}", sys.stderr)
        return 1
    except KeyError as exc:  # an unknown id: the message unquoted
        _say(f"error: {_one_line(exc.args[0] if exc.args else exc)}", sys.stderr)
        return 1
    except RoundTripLoss as exc:
        _say(f"error: {_one_line(exc)} (nothing was written)", sys.stderr)
        return 1
    except _Failure as exc:
        _say(f"error: {_one_line(exc)}", sys.stderr)
        return 1
    except FileExistsError as exc:
        name = exc.filename or getattr(args, "output", "") or str(exc)
        _say(f"error: {name} exists; use --force to replace it", sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        _say(f"error: this command needs the module {exc.name}, which is not installed", sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _say(f"error: cannot use{where}: {_one_line(exc.strerror or exc)}", sys.stderr)
        return 1
    except KeyboardInterrupt:
        _say("error: interrupted", sys.stderr)
        return 130
    except Exception as exc:  # the last guard: never a traceback for the reader
        _say(f"error: {type(exc).__name__}: {_one_line(exc)}", sys.stderr)
        return 1
