"""The command line: ``python -m vcc_helpers validate|export|import-csv|describe|draw``.

For instructors and authors who keep cases in files.  No traceback ever reaches
the reader: a problem in a case file is printed as ``FILE:LINE:COLUMN: FIELD:
message`` (every problem of the file), anything else as one line ``error: ...``.
Exit status: 0 done, 1 problems or errors, 2 a mistake in the command itself.

Examples
--------
>>> from importlib.resources import files
>>> main(["validate", str(files("vcc_helpers") / "cases" / "template.yaml")])  # doctest: +ELLIPSIS
ok: .../template.yaml (3 components, 2 relations, 1 episode)
0
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .casefile import CaseFileError, Problem, atomic_write, check_case, load_case, save_case

__all__ = ["main", "build_parser"]

_PROG = "python -m vcc_helpers"


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
        print(p, file=stream)


def _cmd_validate(args) -> int:
    status = 0
    for name in args.files:
        case, errors, hints = check_case(Path(name), filename=name)
        for h in hints:
            print(f"hint: {h}", file=sys.stderr)
        if errors:
            _print_problems(errors, sys.stdout)
            status = 1
        else:
            print(f"ok: {name} ({_n(len(case.components), 'component')}, "
                  f"{_n(len(case.relations), 'relation')}, {_n(len(case.episodes), 'episode')})")
    return status


def _refuse_existing(out: str, force: bool) -> None:
    if not force and Path(out).exists():
        raise _Failure(f"{out} exists; use --force to replace it")


def _cmd_export(args) -> int:
    case = _load(args.file)
    _refuse_existing(args.output, args.force)
    footer = _footer(case)
    if args.to in ("yaml", "json"):
        save_case(case, args.output, fmt=args.to, overwrite=args.force, footer=footer)
    elif args.to == "graphml":
        from .graph import write_graphml

        write_graphml(case, args.output, overwrite=args.force, footer=footer)
    else:
        from .graph import write_gexf

        write_gexf(case, args.output, overwrite=args.force, footer=footer)
    print(f"wrote {args.output}")
    return 0


def _cmd_import_csv(args) -> int:
    from .csvimport import case_from_csv, default_id_and_title

    _refuse_existing(args.output, args.force)
    case_id, title = default_id_and_title(args.output)
    case, hints = case_from_csv(args.components, args.relations, args.episodes,
                                case_id=args.id or case_id, title=args.title or title)
    for h in hints:
        print(f"hint: {h}", file=sys.stderr)
    fmt = "json" if Path(args.output).suffix.lower() == ".json" else "yaml"
    save_case(case, args.output, fmt=fmt, overwrite=args.force)
    print(f"wrote {args.output} ({_n(len(case.components), 'component')}, "
          f"{_n(len(case.relations), 'relation')}, {_n(len(case.episodes), 'episode')})")
    return 0


def _n(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _cmd_describe(args) -> int:
    case = _load(args.file)
    from .describe import describe_case

    text = describe_case(case, args.lens)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
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
    print(f"wrote {args.output}")
    print(f"alt: {figure.alt}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (shown by ``python -m vcc_helpers --help``)."""
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

    p = sub.add_parser("export", help="write a case as YAML, JSON, GraphML or GEXF",
                       description="Write a case in another format. Every export ends with "
                                   "'what this tool could not hold'.")
    p.add_argument("file", metavar="FILE", help="the case file")
    p.add_argument("--to", required=True, choices=("yaml", "json", "graphml", "gexf"),
                   help="the output format")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "import-csv", help="build a case file from CSV tables",
        description="Build a case from CSV tables. components.csv: id,label[,kinds,description] "
                    "(kinds separated by ';'); relations.csv: id,from,to,does[,episode,account,"
                    "evidence]; episodes.csv (optional): id[,label,description]. Episodes are "
                    "created in the order the relations first name them. The case is checked "
                    "before it is written.")
    p.add_argument("components", metavar="COMPONENTS.csv")
    p.add_argument("relations", metavar="RELATIONS.csv")
    p.add_argument("-o", "--output", required=True, metavar="CASE.yaml",
                   help="the case file to write (.yaml or .json)")
    p.add_argument("--episodes", metavar="EPISODES.csv", help="labels for the episodes")
    p.add_argument("--id", help="the case id (default: from the output file name)")
    p.add_argument("--title", help="the case title (default: from the output file name)")
    p.add_argument("--force", action="store_true", help="replace the output if it exists")
    p.set_defaults(func=_cmd_import_csv)

    p = sub.add_parser("describe", help="describe a case in plain language")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lens", choices=("service", "assemblage", "both"), default="both")
    p.set_defaults(func=_cmd_describe)

    p = sub.add_parser("draw", help="draw a case through one lens (SVG or PNG)",
                       description="Draw a case: 'service' the sphere diagram, 'assemblage' "
                                   "the assemblage map, 'episodes' the episode strip. Prints "
                                   "the figure's alt text.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--lens", required=True, choices=("service", "assemblage", "episodes"))
    p.add_argument("--episode", help="an episode id to highlight on the assemblage map")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the image to write (.svg or .png)")
    p.add_argument("--width", type=int, metavar="PX",
                   help="width of a PNG in pixels (default: 1400, i.e. 200 dpi)")
    p.add_argument("--dpi", type=int, help="resolution of a PNG (default 200)")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(func=_cmd_draw)
    return parser


def _one_line(text: str) -> str:
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
        _print_problems(err.problems, sys.stderr)
        return 1
    except _Failure as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except FileExistsError as exc:
        name = exc.filename or getattr(args, "output", "") or str(exc)
        print(f"error: {name} exists; use --force to replace it", file=sys.stderr)
        return 1
    except ModuleNotFoundError as exc:
        print(f"error: this command needs the module {exc.name}, which is not installed",
              file=sys.stderr)
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"error: cannot use{where}: {_one_line(exc.strerror or exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last guard: never a traceback for the reader
        print(f"error: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        return 1
