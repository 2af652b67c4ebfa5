"""Chapter 7's page, *Your own case*: running the command line and small file helpers.

* :class:`Runner` / :func:`run` run ``python -m vcc_helpers ...`` with the
  *same* Python as the notebook (``sys.executable``), in a folder of your choice,
  and show the command and everything it printed; where no subprocess can be
  started (JupyterLite in the browser) the command runs in-process instead;
* :func:`work_folder`, :func:`copy_template`, :func:`example_csvs`,
  :func:`write_new`, :func:`add_readings`, :func:`write_reflection` and
  :func:`pack` write files, and **never overwrite** one that exists;
* :func:`csv_table`, :func:`columns_table`, :func:`numbered`, :func:`tail` and
  :func:`questions_table` show files and the lenses' questions.

The example files (spreadsheets, readings block) are package files read when first
asked for. The checks live in :mod:`vcc_helpers.exercises.ch07`, which forwards these
names.

Examples
--------
>>> r = run("validate --help")
>>> r.returncode, r.command
(0, 'python -m vcc_helpers validate --help')
"""
from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import shlex
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from vcc_helpers import workspace
from vcc_helpers.csvimport import COLUMNS, REQUIRED_COLUMNS
from vcc_helpers.exercises import data
from vcc_helpers.exercises._common import listing
from vcc_helpers.exercises.pages.display import Listing, Table
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import could_not_hold
from vcc_helpers.lenses import service as sl
from vcc_helpers.model import Case

__all__ = [
    "CommandResult", "run", "Runner", "FileNote", "WORK_DIR_NAME", "WORK_DIR_ENV", "work_folder",
    "scratch_folder", "write_new", "template_text", "copy_template", "EXAMPLE_CSV_NAMES",
    "example_csv_text", "example_csvs", "csv_table", "columns_table", "numbered", "tail",
    "readings_block", "add_readings", "questions_table", "reflection_skeleton",
    "write_reflection", "pack", "Listing",
]


PROG = "python -m vcc_helpers"
"""How a command is shown: the Python that runs it is always the notebook's own."""


# --------------------------------------------------------------------------------------
# Running the command line
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandResult:
    """What a command printed, and its exit status (0 done, 1 problems, 2 a wrong command).

    ``str(result)`` (and the notebook display) is the command after a ``$``, then
    its standard output, then its standard error (where hints and errors go).
    """

    command: str
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        """True when the command succeeded (exit status 0)."""
        return self.returncode == 0

    @property
    def output(self) -> str:
        """Standard output and standard error together, in that order."""
        parts = [p.rstrip("\n") for p in (self.stdout, self.stderr) if p.strip()]
        return "\n".join(parts)

    def head(self, lines: int = 20) -> CommandResult:
        """The same result with its output cut to the first *lines* lines (and a count of the rest).

        Examples
        --------
        >>> r = CommandResult("python -m vcc_helpers x", 0, "a\\nb\\nc\\n", "")
        >>> print(r.head(2))
        $ python -m vcc_helpers x
        a
        b
        [... 1 more line]
        """
        out = self.output.splitlines()
        if len(out) <= lines:
            return self
        rest = len(out) - lines
        text = "\n".join(out[:lines] + [f"[... {rest} more line{'s' if rest != 1 else ''}]"])
        return CommandResult(self.command, self.returncode, text + "\n", "")

    def __str__(self) -> str:
        text = f"$ {self.command}"
        if self.output:
            text += "\n" + self.output
        if self.returncode not in (0,):
            text += f"\n(exit status {self.returncode})"
        return text

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return Listing(str(self), "vcc-command")._repr_html_()


def _can_spawn() -> bool:
    """False where no subprocess can be started (Pyodide / JupyterLite, WASI)."""
    return sys.platform not in ("emscripten", "wasi")


def _argv(command: str | Iterable[object]) -> list[str]:
    if isinstance(command, str):
        return shlex.split(command)
    return [str(a) for a in command]


def _shown(argv: list[str]) -> str:
    return " ".join([PROG] + [shlex.quote(a) for a in argv])


def _in_process(argv: list[str], cwd: Path | None) -> CommandResult:
    from vcc_helpers.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help or a wrong command
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(old)
    return CommandResult(_shown(argv), int(code or 0), out.getvalue(), err.getvalue())


def run(command: str | Iterable[object], cwd: str | os.PathLike | None = None,
        timeout: float = 300) -> CommandResult:
    """Run ``python -m vcc_helpers COMMAND`` with this notebook's Python, in *cwd*.

    Parameters
    ----------
    command : str or list
        The arguments after ``python -m vcc_helpers``: a string (split like a
        shell would) or a list.
    cwd : path, optional
        The folder to run in (file names in *command* are relative to it).
    timeout : float
        Seconds before the command is stopped.

    Returns
    -------
    CommandResult
        Never raises for a failing command: its exit status and messages are in
        the result, and the notebook shows them.

    Examples
    --------
    >>> r = run(["validate", "no-such-file.yaml"])
    >>> r.returncode, r.ok
    (1, False)
    >>> "no-such-file.yaml" in r.output
    True
    """
    argv = _argv(command)
    where = Path(cwd) if cwd is not None else None
    if not _can_spawn():
        return _in_process(argv, where)
    import vcc_helpers

    env = dict(os.environ)
    package_root = str(Path(vcc_helpers.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        proc = subprocess.run([sys.executable, "-m", "vcc_helpers", *argv], cwd=where,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="replace", env=env, timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return _in_process(argv, where)
    return CommandResult(_shown(argv), proc.returncode, proc.stdout, proc.stderr)


class Runner:
    """``run`` bound to one folder: ``vcc = Runner(folder); vcc("validate my-case.yaml")``.

    Examples
    --------
    >>> vcc = Runner(".")
    >>> vcc("validate --help").ok
    True
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)

    def __call__(self, command: str | Iterable[object]) -> CommandResult:
        return run(command, cwd=self.folder)

    def __repr__(self) -> str:
        return f"Runner({self.folder.name!r})"


# --------------------------------------------------------------------------------------
# Files that are never overwritten
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileNote:
    """What a file helper did: the path it wrote (or kept) and a one-line message."""

    path: Path
    message: str
    written: bool = True

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f'<p class="vcc-file-note">{html.escape(self.message)}</p>'


WORK_DIR_NAME = workspace.WORK_FOLDER
"""The chapter's work folder, next to the notebook (the repository's git ignores it)."""
WORK_DIR_ENV = workspace.ENV_VAR
"""An environment variable that moves the work folder (the book build uses a fresh one)."""


def work_folder(path: str | os.PathLike | None = None) -> Path:
    """The folder to work in, created if needed: ``my-work/`` next to the notebook by default.

    The default is :data:`WORK_DIR_NAME` in the current folder, which in Jupyter is the
    notebook's own folder (``chapters/my-work/``): you see it in the file browser and it
    is kept between runs, so running the chapter again never touches a file you made
    (the helpers keep a file that exists). The case builder saves there too. The
    environment variable ``VCC_WORK_DIR`` moves it; *path* names another folder.

    Examples
    --------
    >>> import tempfile
    >>> from unittest import mock
    >>> here = Path(tempfile.mkdtemp())
    >>> with contextlib.chdir(here), mock.patch.dict(os.environ):
    ...     _ = os.environ.pop("VCC_WORK_DIR", None)
    ...     work_folder() == here / "my-work" and (here / "my-work").is_dir()
    True
    >>> work_folder(here / "elsewhere").name
    'elsewhere'
    """
    if path is None:  # one folder for the chapter and the case builder
        return workspace.work_folder(create=True)
    folder = Path(path).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def scratch_folder() -> Path:
    """A fresh, empty temporary folder (for examples and tests; your work goes in
    :func:`work_folder`).

    Examples
    --------
    >>> a, b = scratch_folder(), scratch_folder()
    >>> a != b and a.is_dir() and not any(a.iterdir())
    True
    """
    return Path(tempfile.mkdtemp(prefix="vcc-ch07-"))


def write_new(path: str | os.PathLike, text: str) -> FileNote:
    """Write *text* to *path* unless a file is already there (then keep that file).

    Examples
    --------
    >>> p = scratch_folder() / "note.txt"
    >>> print(write_new(p, "one"))
    wrote note.txt
    >>> print(write_new(p, "two"))
    note.txt already exists: kept it as it is (nothing overwritten)
    >>> p.read_text()
    'one'
    """
    p = Path(path)
    if p.exists():
        return FileNote(p, f"{p.name} already exists: kept it as it is (nothing overwritten)",
                        written=False)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return FileNote(p, f"wrote {p.name}")


def template_text() -> str:
    """The blank case template shipped with the package (``vcc_helpers/cases/template.yaml``).

    Examples
    --------
    >>> template_text().splitlines()[0].startswith("# A blank case")
    True
    """
    return (resources.files("vcc_helpers.cases") / "template.yaml").read_text(encoding="utf-8")


def copy_template(dest: str | os.PathLike) -> FileNote:
    """Copy the blank template to *dest*, unless a file is already there.

    Examples
    --------
    >>> folder = scratch_folder()
    >>> print(copy_template(folder / "my-case.yaml"))
    copied the blank template to my-case.yaml
    """
    note = write_new(dest, template_text())
    if note.written:
        return FileNote(note.path, f"copied the blank template to {note.path.name}")
    return note


EXAMPLE_CSV_NAMES: tuple[str, ...] = ("my-components.csv", "my-relations.csv",
                                      "my-episodes.csv")
"""The chapter's example spreadsheets, package files in ``vcc_helpers/exercises/data/ch07/``
(the one copy: the chapter runs where the notebook was opened on its own, as on Colab)."""


def example_csv_text(name: str) -> str:
    """The text of one of the example spreadsheets (:data:`EXAMPLE_CSV_NAMES`).

    Examples
    --------
    >>> example_csv_text("my-relations.csv").splitlines()[0]
    'id,from,to,does,episode,account,evidence'
    """
    return data.text(f"ch07/{name}")


def example_csvs(folder: str | os.PathLike) -> FileNote:
    """Copy the chapter's example CSV files into *folder* (never overwriting a file there).

    The files are the package's own (``vcc_helpers/exercises/data/ch07/``): an
    instructor who wants other examples edits those.

    Examples
    --------
    >>> folder = scratch_folder()
    >>> print(example_csvs(folder))
    copied my-components.csv, my-relations.csv and my-episodes.csv
    >>> sorted(p.name for p in folder.iterdir())
    ['my-components.csv', 'my-episodes.csv', 'my-relations.csv']
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    kept: list[str] = []
    for name in EXAMPLE_CSV_NAMES:
        note = write_new(folder / name, example_csv_text(name))
        (done if note.written else kept).append(name)
    msg = f"copied {listing(done)}" if done else "nothing copied"
    if kept:
        msg += f"; kept the existing {listing(kept)}"
    return FileNote(folder, msg, written=bool(done))


def csv_table(path: str | os.PathLike, caption: str = "") -> Table:
    """A CSV file shown as a table (the header row as column headings).

    Examples
    --------
    >>> folder = scratch_folder(); _ = example_csvs(folder)
    >>> t = csv_table(folder / "my-relations.csv")
    >>> t.header[:4], len(t)
    (('id', 'from', 'to', 'does'), 12)
    """
    p = Path(path)
    with open(p, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = (rows[0], rows[1:]) if rows else ((), [])
    return Table(header, body, caption=caption or p.name)


def columns_table() -> Table:
    """The columns of each CSV table that ``import-csv`` reads, required ones first.

    Examples
    --------
    >>> columns_table().rows[0]
    ('components', 'id, label', 'kinds, description')
    """
    rows = []
    for table, cols in COLUMNS.items():
        req = REQUIRED_COLUMNS[table]
        rows.append((table, ", ".join(req), ", ".join(c for c in cols if c not in req)))
    return Table(("Table", "Required columns", "Optional columns"), rows,
                 caption="The columns import-csv reads (a header row is required; "
                         "column order is free)")


def numbered(text: str | os.PathLike, first: int = 1, last: int | None = None) -> Listing:
    """Text (or a file's text) with line numbers, to match error messages to lines.

    Examples
    --------
    >>> print(numbered("a: 1\\nb: 2"))
     1 | a: 1
     2 | b: 2
    """
    if isinstance(text, Path) or (isinstance(text, str) and "\n" not in text
                                  and Path(text).suffix in (".yaml", ".yml", ".json", ".csv")
                                  and Path(text).is_file()):
        text = Path(text).read_text(encoding="utf-8")
    lines = str(text).splitlines()
    stop = len(lines) if last is None else min(last, len(lines))
    width = len(str(stop))
    return Listing("\n".join(f"{n:>{width + 1}} | {lines[n - 1]}".rstrip()
                             for n in range(first, stop + 1)))


def tail(path: str | os.PathLike, lines: int = 12) -> Listing:
    """The last *lines* lines of a file, numbered (to see how an export ends).

    Examples
    --------
    >>> p = scratch_folder() / "t.txt"
    >>> _ = p.write_text("a\\nb\\nc\\n")
    >>> print(tail(p, 2))
     2 | b
     3 | c
    """
    text = Path(path).read_text(encoding="utf-8")
    n = len(text.splitlines())
    return numbered(text, first=max(1, n - lines + 1))


def readings_block() -> str:
    """A summary, a source and both readings for the case imported from the example CSVs:
    what a reader would paste at the end of the imported file in a text editor
    (``vcc_helpers/exercises/data/ch07/readings.yaml``; also ``READINGS_BLOCK``).

    Examples
    --------
    >>> readings_block().splitlines()[1]
    'summary: >-'
    """
    return data.text("ch07/readings.yaml")


def add_readings(imported: str | os.PathLike, dest: str | os.PathLike,
                 block: str | None = None) -> FileNote:
    """Write *dest*: the text of *imported* with *block* pasted at its end (never overwriting).

    This does what you would do in a text editor: open the file that
    ``import-csv`` wrote, paste a ``readings:`` block (and a summary and source)
    at the end, and save it under a new name. *block* is :func:`readings_block`
    unless given.

    Examples
    --------
    >>> folder = scratch_folder()
    >>> _ = (folder / "a.yaml").write_text("format: vcc-case/1\\nid: a\\ntitle: A\\n")
    >>> print(add_readings(folder / "a.yaml", folder / "b.yaml", "summary: S\\n"))
    wrote b.yaml (a.yaml with the readings pasted at the end)
    """
    text = Path(imported).read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    note = write_new(dest, text + (readings_block() if block is None else block))
    if note.written:
        return FileNote(note.path, f"wrote {note.path.name} ({Path(imported).name} with the "
                        "readings pasted at the end)")
    return note


def questions_table() -> Table:
    """The questions both lenses ask (``QUESTIONS`` of the service and assemblage lenses).

    Examples
    --------
    >>> t = questions_table()
    >>> t.rows[0][:2]
    ('Service logic', '1')
    >>> len(t) == 9 + 10
    True
    """
    rows = [("Service logic", i, q) for i, q in enumerate(sl.QUESTIONS, 1)]
    rows += [("Assemblage", i, q) for i, q in enumerate(al.QUESTIONS, 1)]
    return Table(("Lens", "No.", "Question"), rows, caption="The questions each lens asks")


# --------------------------------------------------------------------------------------
# The reflection and the hand-in
# --------------------------------------------------------------------------------------

_REFLECTION_PARTS = (
    ("The case, and why this boundary",
     "Say what the service is, where your description comes from (observation, interview, "
     "report, your own use of it) and why you drew the boundary where you did."),
    ("What service logic sees",
     "Who provides, who benefits and who says so; where the interactions sit; what is "
     "proposed and what carries it; where value is said to be created or destroyed."),
    ("What the logic of assemblage sees",
     "Which relations change what bodies can do; what holds the arrangement in place and "
     "what loosens it; which affects never pass through a person; the lines of flight, "
     "with their dangers and what captures them."),
    ("The residue, both ways",
     "One concrete thing the service map cannot express, and one thing the assemblage "
     "reading loses (accountability, evaluation, levers); weigh them, without a verdict."),
    ("What the tool could not hold",
     "Start from the list below, which the package wrote, and go beyond it: where did your "
     "case break one of the package's categories, and what did the tool make you leave out?"),
)


def reflection_skeleton(case: Case, limit: int | None = 3) -> str:
    """A Markdown skeleton for the written reflection, ending with "What this tool could not hold".

    The headings follow the chapter's analysis questions; under the last one the
    package's own :func:`~vcc_helpers.lenses.reinterpret.could_not_hold` text is
    quoted, for the reader to answer in their own words.

    Examples
    --------
    >>> from vcc_helpers.lenses.examples import tiny_case
    >>> text = reflection_skeleton(tiny_case())
    >>> text.splitlines()[0]
    '# Reflection: A morning trying to see a GP'
    >>> "## 5. What the tool could not hold" in text, "What this tool could not hold" in text
    (True, True)
    """
    lines = [f"# Reflection: {case.title}", "",
             "_Replace each prompt with your own writing; delete this line._", ""]
    for n, (head, prompt) in enumerate(_REFLECTION_PARTS, 1):
        lines += [f"## {n}. {head}", "", f"_{prompt}_", ""]
    lines += ["### What the package wrote", "", "```text", could_not_hold(case, limit).rstrip(),
              "```", ""]
    return "\n".join(lines)


def write_reflection(case: Case, dest: str | os.PathLike) -> FileNote:
    """Write :func:`reflection_skeleton` to *dest* unless a file is already there."""
    return write_new(dest, reflection_skeleton(case))


def pack(zip_path: str | os.PathLike, *files: str | os.PathLike) -> FileNote:
    """Pack *files* into a new zip file for handing in (never overwriting one).

    Examples
    --------
    >>> folder = scratch_folder()
    >>> _ = (folder / "a.txt").write_text("A")
    >>> print(pack(folder / "hand-in.zip", folder / "a.txt"))
    packed a.txt into hand-in.zip
    """
    z = Path(zip_path)
    if z.exists():
        return FileNote(z, f"{z.name} already exists: kept it as it is (nothing overwritten)",
                        written=False)
    missing = [Path(f).name for f in files if not Path(f).is_file()]
    if missing:
        return FileNote(z, f"not packed: no file called {listing(missing)}", written=False)
    with zipfile.ZipFile(z, "x", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(f, arcname=Path(f).name)
    return FileNote(z, f"packed {listing([Path(f).name for f in files])} into {z.name}")


def __getattr__(name: str):
    # file contents are read when first asked for, never at import
    if name == "READINGS_BLOCK":
        return readings_block()
    if name == "EXAMPLE_CSVS":
        return {n: example_csv_text(n) for n in EXAMPLE_CSV_NAMES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
