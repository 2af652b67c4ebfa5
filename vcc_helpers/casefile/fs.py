"""Safe file access for case files: bounded reads of regular files only, and
atomic writes that never leave a half-written file or a stray temporary behind.

* :func:`read_bytes` refuses anything that is not a regular file (a folder, a
  device such as ``/dev/zero``, a FIFO or named pipe, a socket) *before* reading,
  and reads at most ``max_bytes + 1`` bytes, so no input can make it hang or
  fill memory.
* :func:`atomic_write` writes to a temporary file in the target's folder, named
  ``.NAME.vcc-tmp-XXXXXX`` so a reader can tell what it is, removes it on every
  exception path, and puts the complete file in place in one step.  Errors name
  the target file, never the temporary one.  Saving into a missing folder says
  that the folder is missing.  ``overwrite=True`` on a symbolic link writes
  through to the link's target and keeps the link.  Without ``overwrite`` an
  existing file is never replaced, even when another program creates it at the
  same moment (the file is put in place with a hard link, which fails if the
  name exists).
"""
from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

__all__ = ["FileProblem", "read_bytes", "atomic_write", "TEMP_MARK"]

TEMP_MARK = ".vcc-tmp-"
"""Temporary files are named ``.<target name>.vcc-tmp-<random>``."""


class FileProblem(Exception):
    """A file that cannot be read: ``message`` says why (the caller adds the name)."""

    def __init__(self, message: str, code: str = "file"):
        super().__init__(message)
        self.message = message
        self.code = code


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "this is a folder, not a case file"
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO), not a case file: only regular files are read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device, not a case file: only regular files are read"
    if stat.S_ISSOCK(mode):
        return "this is a socket, not a case file: only regular files are read"
    return "this is not a regular file: only regular files are read"


def read_bytes(path, max_bytes: int | None) -> bytes:
    """The bytes of a regular file, at most ``max_bytes + 1`` of them.

    Raises
    ------
    FileProblem
        Missing, not a regular file, unreadable, or larger than *max_bytes*.

    Examples
    --------
    >>> try:
    ...     read_bytes("/dev/zero", 100)
    ... except FileProblem as err:
    ...     print(err.code, "-", err)
    not-regular-file - this is a device, not a case file: only regular files are read
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise FileProblem(_kind(st.st_mode), "not-regular-file")
        if max_bytes is not None and st.st_size > max_bytes:
            raise FileProblem(f"the file is {st.st_size:,} bytes; a case file may be at most "
                              f"{max_bytes:,} bytes", "too-large")
        # O_NONBLOCK: should the name have become a FIFO since the stat, opening it
        # does not wait for a writer; fstat below refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileProblem:
        raise
    except FileNotFoundError:
        raise FileProblem("no such file", "no-such-file") from None
    except IsADirectoryError:  # pragma: no cover - caught by the stat above
        raise FileProblem("this is a folder, not a case file", "not-regular-file") from None
    except PermissionError:
        raise FileProblem("permission denied: the file cannot be read", "permission") from None
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror or exc}", "file") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileProblem(_kind(st.st_mode), "not-regular-file")
        limit = None if max_bytes is None else max_bytes + 1
        chunks, got = [], 0
        while limit is None or got < limit:
            chunk = os.read(fd, 1 << 20 if limit is None else min(1 << 20, limit - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror or exc}", "file") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if max_bytes is not None and len(data) > max_bytes:
        raise FileProblem(f"the file is more than {max_bytes:,} bytes; a case file may be at "
                          f"most {max_bytes:,} bytes", "too-large")
    return data


def _exists_error(path: Path) -> FileExistsError:
    return FileExistsError(f"{path} exists (use overwrite to replace it)")


def atomic_write(path, data: str | bytes, overwrite: bool = False) -> Path:
    """Write a file all at once: a temporary file in the same folder, moved into place.

    Parameters
    ----------
    path : str or os.PathLike
    data : str or bytes
        Text is written as UTF-8 (newlines unchanged).
    overwrite : bool
        Replace an existing file (through a symbolic link: the link's target).

    Returns
    -------
    pathlib.Path
        *path*.

    Raises
    ------
    FileExistsError
        The file exists and *overwrite* is false.
    FileNotFoundError
        The folder does not exist (the message names the folder).
    OSError
        Anything else; the message names *path*, never the temporary file.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> p = atomic_write(os.path.join(d, "a.txt"), "hello")
    >>> p.read_text()
    'hello'
    >>> try:
    ...     atomic_write(p, "again")
    ... except FileExistsError as err:
    ...     print("refused")
    refused
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    target = path
    if overwrite and path.is_symlink():
        target = Path(os.path.realpath(path))  # write through the link; keep the link
    if not overwrite and (path.exists() or path.is_symlink()):
        raise _exists_error(path)
    folder = target.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"cannot save {path}: the folder {folder} does not exist")
    tmp = None
    try:
        for _ in range(100):
            candidate = folder / f".{target.name}{TEMP_MARK}{secrets.token_hex(4)}"
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_BINARY", 0), 0o666)
            except FileExistsError:  # pragma: no cover - astronomically unlikely
                continue
            tmp = candidate
            break
        else:  # pragma: no cover
            raise OSError(f"cannot save {path}: no temporary name is free")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            try:
                os.fsync(fh.fileno())
            except OSError:  # pragma: no cover - some file systems cannot sync
                pass
        if overwrite:
            if target.exists():
                try:
                    os.chmod(tmp, target.stat().st_mode & 0o7777)
                except OSError:  # pragma: no cover
                    pass
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise _exists_error(path) from None
            except (OSError, NotImplementedError, AttributeError):
                # No hard links here (some file systems, Pyodide): reserve the name with
                # an exclusive create, then move the complete file over it.
                try:
                    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                except FileExistsError:
                    raise _exists_error(path) from None
                os.replace(tmp, target)
    except (FileExistsError, FileNotFoundError):
        raise
    except OSError as exc:
        raise OSError(f"cannot save {path}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            except OSError:  # pragma: no cover
                pass
    return path
