"""Chapter 7, *Your own case*: running the command line, small file helpers, answer checks.

The chapter walks a reader from a blank template (or a spreadsheet, or the case
builder) to a checked case file, both readings, two figures, the exports and a
reflection, packed for handing in.  This module keeps the chapter's cells short:

* :class:`Runner` / :func:`run` run ``python -m vcc_helpers ...`` with the
  *same* Python as the notebook (``sys.executable``), in a folder of your choice,
  and show the command and everything it printed; where no subprocess can be
  started (JupyterLite in the browser) the command runs in-process instead;
* :func:`work_folder`, :func:`copy_template`, :func:`example_csvs`,
  :func:`write_new`, :func:`add_readings`, :func:`write_reflection` and
  :func:`pack` write files, and **never overwrite** one that exists;
* :func:`check_fixed`, :func:`check_error_parts`, :func:`check_description`
  and :func:`check_handin` answer the exercises with a
  :class:`~vcc_helpers.exercises._common.Feedback`, never raising.

Examples
--------
>>> bool(check_fixed(BROKEN_CASE))
False
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
import re
import shlex
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from collections.abc import Iterable

from vcc_helpers.casefile import Problem, check_case
from vcc_helpers.csvimport import COLUMNS, REQUIRED_COLUMNS
from vcc_helpers.lenses import assemblage as al
from vcc_helpers.lenses import could_not_hold
from vcc_helpers.lenses import service as sl
from vcc_helpers import workspace
from vcc_helpers.model import Case, is_human

from ._common import Feedback, Table, key_digest, listing, model_answer

__all__ = [
    "CommandResult", "Runner", "run", "Listing", "FileNote",
    "work_folder", "scratch_folder", "WORK_DIR_NAME", "copy_template", "template_text",
    "example_csvs", "csv_table",
    "columns_table", "numbered", "tail", "write_new", "READINGS_BLOCK", "add_readings",
    "questions_table", "reflection_skeleton", "write_reflection", "pack",
    "BROKEN_CASE", "broken_problems", "check_fixed", "ERROR_LINE", "check_error_parts",
    "LENS_WORDS", "LADEN", "check_plain_words", "check_description",
    "HANDIN", "check_handin",
]

PROG = "python -m vcc_helpers"
"""How a command is shown: the Python that runs it is always the notebook's own."""


# --------------------------------------------------------------------------------------
# Running the command line
# --------------------------------------------------------------------------------------


class Listing:
    """Preformatted text that shows as ``<pre>`` in a notebook and as itself elsewhere."""

    def __init__(self, text: str, css: str = "vcc-listing") -> None:
        self.text = text
        self.css = css

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return (f'<pre class="{self.css}" style="white-space:pre-wrap;overflow-wrap:anywhere">'
                f"{html.escape(self.text)}</pre>")


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
    >>> here = Path(tempfile.mkdtemp())
    >>> with contextlib.chdir(here):
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


EXAMPLE_CSVS: dict[str, str] = {
    "my-components.csv": """\
id,label,kinds,description
tenant,"Ms K, the tenant",person,Rents a two-bedroom flat from a housing association; works early shifts.
son,"Her son, 6",person,Shares the smaller bedroom with the damp wall; has a wheeze.
landlord,The housing association,organisation,Owns the block and runs its repairs service.
surveyor,The surveyor,person,Employed by the housing association to inspect reported repairs.
gp,Their GP,person,
flat,The flat,place,"On the second floor of a 1960s block, with a north-facing bedroom."
mould,The black mould,thing,"On the wall and ceiling behind the son's bed, and around the bathroom window."
fan,The bathroom extractor fan,thing,Has not worked since the summer.
meter,The prepayment meter,thing;money,Pays for gas and electricity in advance; tops up at the corner shop.
cold,The cold months,time;atmosphere,"From November, the outside walls of the block stay cold for weeks at a time."
form,The online repairs form,technology;document,"Asks for the room, the problem (from a list) and a photograph."
ticket,The repair ticket,document;time,Opened by the form; carries a target date for the repair.
lifestyle,\"\"\"Condensation from lifestyle\"\"\",category,The cause the surveyor can record when the building is not found at fault.
""",  # noqa: E501 (CSV rows: data, one row per line)
    "my-relations.csv": """\
id,from,to,does,episode,account,evidence
r1,mould,son,spreads along the wall behind his bed,noticing,tenant,
r2,tenant,form,"fills it in on her phone, choosing ""damp"" from the list and adding a photograph",reporting,tenant,
r3,form,ticket,opens it with a target date four weeks away,reporting,landlord,
r4,ticket,surveyor,puts the visit on her list for the last day before the target,reporting,surveyor,
r5,surveyor,tenant,"measures the wall and asks how she dries the washing and how often she heats the flat",the-visit,tenant,
r6,surveyor,lifestyle,records it as the cause,the-visit,surveyor,
r7,lifestyle,ticket,closes it with advice: heat the flat and open the windows,the-visit,landlord,
r8,meter,tenant,"runs out on Thursdays, so the heating is off until payday",winter,tenant,
r9,cold,flat,cools the outside walls until water runs down the bedroom wall,winter,tenant,
r10,fan,flat,leaves the bathroom wet for hours after every bath,winter,tenant,
r11,son,gp,is seen for his wheeze for the third time since the autumn,winter,tenant,
r12,tenant,landlord,"complains in writing, with dated photographs of the wall",winter,tenant,
""",  # noqa: E501 (CSV rows: data, one row per line)
    "my-episodes.csv": """\
id,label,description
noticing,Noticing the mould,"Late October: the mould appears behind the son's bed, and Ms K wipes it off every few days."
reporting,Reporting it,Early November: the online form and the repair ticket.
the-visit,The surveyor's visit,Early December: one visit and a closed ticket.
winter,The rest of the winter,"January and February: the meter, the cold walls, the wheeze, and a complaint."
""",  # noqa: E501 (CSV rows: data, one row per line)
}
"""The chapter's example spreadsheets, as text: the same as ``chapters/data/*.csv``.

They are kept here too so the chapter runs where the notebook was opened on its own
(Colab), without the repository's ``chapters/data`` folder.
"""


def _data_folders() -> list[Path]:
    import vcc_helpers

    here = Path.cwd()
    return [here / "data", here / "chapters" / "data",
            Path(vcc_helpers.__file__).resolve().parents[1] / "chapters" / "data"]


def example_csvs(folder: str | os.PathLike) -> FileNote:
    """Copy the chapter's example CSV files into *folder* (never overwriting a file there).

    The files are read from the book's ``chapters/data`` folder when it is there
    (so an instructor's edits count), and otherwise from the copies kept in this
    module (:data:`EXAMPLE_CSVS`).

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
    for name, text in EXAMPLE_CSVS.items():
        for d in _data_folders():
            if (d / name).is_file():
                text = (d / name).read_text(encoding="utf-8")
                break
        note = write_new(folder / name, text)
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


READINGS_BLOCK = """\

summary: >-
  A teaching example written for Chapter 7 of this book; it describes no real tenant,
  landlord or flat. Ms K reports mould in her son's bedroom online; a surveyor visits,
  records condensation from lifestyle and closes the ticket; the winter does the rest.
source:
  kind: teaching-case
  note: Written for the book to show the route from spreadsheets to a case file.

readings:
  service:
    by: the book's authors (an example reading)
    roles:
      landlord: provider
      surveyor: frontline-staff
      tenant: user
      son: other-actor
      gp: other-actor
      form: resource
      ticket: resource
    interactions:
      r2: {sphere: user, mode: indirect, practice: informing}
      r3: {sphere: provider, mode: indirect}
      r4: {sphere: provider, mode: indirect}
      r5: {sphere: joint, mode: direct, practice: assessing}
      r6: {sphere: provider, mode: indirect, practice: assessing}
      r7: {sphere: provider, mode: indirect, practice: informing}
      r8: {sphere: user, mode: indirect}
      r12: {sphere: joint, mode: direct, practice: informing}
    propositions:
      - by: landlord
        to: tenant
        offer: repairs reported online and put right within the target time
        carried_by: form
    value:
      - for: landlord
        claimed_by: surveyor
        element: outcome
        valence: creation
        note: The ticket closed inside its target time.
        relation: r7
      - for: tenant
        claimed_by: tenant
        element: satisfaction
        valence: destruction
        note: She was told, in effect, that the mould was her own fault.
        relation: r5
      - for: son
        claimed_by: tenant
        element: whole-life
        valence: destruction
        note: A third visit to the GP for his wheeze since the autumn.
        relation: r11
    coproduction:
      r2: co-production
  assemblage:
    by: the book's authors (an example reading)
    boundary: >-
      One flat over one winter: the people, things, forms and categories that acted on
      the mould and on what the tenant and her son could do about it. Left out: the
      other flats in the block, the repairs budget and its contractors, the energy
      supplier and its prices, and the readers of this book with this package.
    affects:
      r1:
        capacity: can no longer sleep in a dry room
        direction: diminishes
        tendency: deterritorialising
        character: singular
      r2:
        capacity: her mould becomes 'damp' from a list, with one photograph
        direction: enhances
        tendency: territorialising
        character: aggregating
        on: tenant
      r3:
        capacity: now runs to a clock of four weeks
        direction: enhances
        tendency: territorialising
        character: aggregating
      r4:
        capacity: visits when the target date says, not when the mould does
        direction: diminishes
        tendency: territorialising
        character: aggregating
      r5:
        capacity: must account for her washing and her heating
        direction: diminishes
        tendency: territorialising
        character: aggregating
      r6:
        capacity: becomes the cause of this mould
        direction: enhances
        tendency: reterritorialising
        character: aggregating
      r7:
        capacity: is closed; the mould no longer counts as an open repair
        direction: diminishes
        tendency: territorialising
        character: aggregating
      r8:
        capacity: cannot heat the flat from Thursday to payday
        direction: diminishes
        tendency: deterritorialising
        character: singular
      r9:
        capacity: its bedroom wall runs with water, whatever the tenant does
        direction: diminishes
        tendency: deterritorialising
        character: singular
      r10:
        capacity: cannot dry out after a bath
        direction: diminishes
        tendency: unclear
        character: singular
      r11:
        capacity: his wheeze enters a record that never mentions the wall
        direction: unclear
        tendency: territorialising
        character: aggregating
        on: son
      r12:
        capacity: must answer in writing, with the photographs on file
        direction: enhances
        tendency: deterritorialising
        character: singular
    roles:
      mould: {material: 1.0, expressive: 0.3}
      lifestyle: {material: 0.1, expressive: 1.0}
      form: {material: 0.3, expressive: 0.8}
      meter: {material: 0.8, expressive: 0.4}
    lines_of_flight:
      - episode: winter
        from: the closed repair ticket
        toward: a written complaint with dated photographs
        danger: >-
          Being seen as a difficult tenant; and the photographs show her son's bedroom
          to people she does not know.
        captured_by: The complaints procedure, which opens a new ticket with a new target date.
    territories:
      - label: The repair as the form and the ticket define it
        drawn_by: [form, ticket, lifestyle]
        episode: reporting
        note: Inside it, mould is either the building's fault or the tenant's.
    desire:
      - The form, the ticket and the target date together keep producing closed tickets.
"""
"""A summary, a source and both readings for the case imported from the example CSVs:
what a reader would paste at the end of the imported file in a text editor."""


def add_readings(imported: str | os.PathLike, dest: str | os.PathLike,
                 block: str = READINGS_BLOCK) -> FileNote:
    """Write *dest*: the text of *imported* with *block* pasted at its end (never overwriting).

    This does what you would do in a text editor: open the file that
    ``import-csv`` wrote, paste a ``readings:`` block (and a summary and source)
    at the end, and save it under a new name.

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
    note = write_new(dest, text + block)
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


# --------------------------------------------------------------------------------------
# Exercise: fix a broken case file
# --------------------------------------------------------------------------------------

BROKEN_CASE = """\
# A small case with four mistakes in it, for Chapter 7.
format: vcc-case/1
id: damp-flat
title: Reporting damp in a rented flat
components:
  - {id: tenant, label: Ms K, the tenant, kinds: [person]}
  - id: mould
    lable: The black mould
    kinds: [thin]
  - {id: form, label: The online repairs form, kinds: [technology, document]}
relations:
  - {id: r1, from: tenant, to: form, does: fills it in on her phone}
  - {id: r2, from: mould, to: tennant, does: makes her wipe the wall every few days}
readings:
  service:
    roles: {tenant: user, form: resource}
    interactions:
      r1: {sphere: customer, mode: indirect}
"""
"""A case file with four mistakes (and one near-miss that is only a hint), for the chapter."""

_MODEL_ANSWERS = ("FIXED_CASE", "ERROR_PARTS", "PLAIN_ANSWER")
"""Names forwarded to :mod:`vcc_helpers.exercises.answers.ch07` (absent from the student
edition)."""

ERROR_LINE: str  # declared only: computed when first asked for, by __getattr__ below


def __getattr__(name: str):
    if name in _MODEL_ANSWERS:
        return model_answer("ch07", name)
    if name == "ERROR_LINE":
        return str(_error_line())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def broken_problems() -> tuple[list[Problem], list[Problem]]:
    """The validator's errors and hints for :data:`BROKEN_CASE`, read as ``broken.yaml``.

    Examples
    --------
    >>> errors, hints = broken_problems()
    >>> len(errors) > 0, len(hints)
    (True, 1)
    """
    _, errors, hints = check_case(BROKEN_CASE, filename="broken.yaml", fmt="yaml")
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
    >>> f = check_fixed(BROKEN_CASE)
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
