"""Where a reader's own files live: one work folder next to the chapter.

The case builder autosaves into it and chapter 7 writes its files there, so a
reader finds all their work in one place, in the Jupyter file browser, kept
between runs (the book's repository ignores it: ``.gitignore`` and the build's
``exclude_patterns``).

The folder is :data:`WORK_FOLDER` inside the kernel's working directory, which
in Jupyter (Lab, Notebook, Binder, a JupyterHub) is the notebook's own folder:
``chapters/my-work/``.  The environment variable ``VCC_WORK_DIR`` names
another folder (tests, or a reader who keeps their work elsewhere).

Examples
--------
>>> work_folder().name                                   # doctest: +SKIP
'my-work'
>>> autosave_path("/tmp/book/chapters/my-work").as_posix()
'/tmp/book/chapters/my-work/case-builder-autosave.yaml'
"""
from __future__ import annotations

import os
import time
from pathlib import Path

__all__ = ["WORK_FOLDER", "ENV_VAR", "AUTOSAVE_NAME", "work_folder", "autosave_path",
           "set_aside"]

WORK_FOLDER = "my-work"
"""The name of the work folder, next to the notebook."""

ENV_VAR = "VCC_WORK_DIR"
"""An environment variable that, when set, names the work folder itself."""

AUTOSAVE_NAME = "case-builder-autosave.yaml"
"""The case builder's autosave file, inside the work folder."""


def work_folder(create: bool = False, base: str | os.PathLike | None = None) -> Path:
    """The reader's work folder: ``$VCC_WORK_DIR``, or ``my-work`` in *base*
    (default: the current directory, the notebook's folder in Jupyter).

    Parameters
    ----------
    create : bool
        Make the folder (and its parents) if it is missing.
    base : str or os.PathLike, optional
        The folder to put ``my-work`` in (ignored when ``$VCC_WORK_DIR`` is set).

    Returns
    -------
    pathlib.Path
        An absolute path.
    """
    named = os.environ.get(ENV_VAR, "").strip()
    folder = Path(named).expanduser() if named else Path(base or Path.cwd()) / WORK_FOLDER
    folder = folder.absolute()
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_path(folder: str | os.PathLike | None = None) -> Path:
    """The case builder's autosave file in *folder* (default: :func:`work_folder`)."""
    return Path(folder if folder is not None else work_folder()) / AUTOSAVE_NAME


def set_aside(path: str | os.PathLike) -> Path:
    """Move *path* aside (never deleting it): ``name-set-aside-YYYYMMDD-HHMMSS.ext``
    in the same folder, with ``-2``, ``-3``... if that name is taken.

    Returns
    -------
    pathlib.Path
        Where the file is now.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.yaml"; _ = p.write_text("x")
    >>> q = set_aside(p)
    >>> p.exists(), q.read_text(), q.name.startswith("a-set-aside-")
    (False, 'x', True)
    """
    p = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(p.stat().st_mtime))
    n = 1
    while True:
        tail = "" if n == 1 else f"-{n}"
        target = p.with_name(f"{p.stem}-set-aside-{stamp}{tail}{p.suffix}")
        try:
            os.link(p, target)      # fails if the name is taken: nothing is replaced
        except FileExistsError:
            n += 1
            continue
        except OSError:             # no hard links here: check, then rename
            if target.exists():
                n += 1
                continue
            os.replace(p, target)
            return target
        p.unlink()
        return target
