"""vcc_helpers.casefile.fs: regular files only, bounded reads, atomic and safe writes."""
from __future__ import annotations

import os

import pytest

from vcc_helpers.casefile import atomic_write, check_case
from vcc_helpers.casefile import fs
from vcc_helpers.casefile.fs import TEMP_MARK, FileProblem, read_bytes

pytestmark = pytest.mark.unit


def test_dev_zero_is_refused_before_reading():
    _case, errors, _ = check_case(os.path.join(os.sep, "dev", "zero"))
    assert [(p.code, p.field) for p in errors] == [("not-regular-file", "(file)")]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    _case, errors, _ = check_case(fifo)
    assert [p.code for p in errors] == ["not-regular-file"]
    assert "named pipe" in errors[0].message


def test_at_most_max_bytes_plus_one_are_read(tmp_path, monkeypatch):
    p = tmp_path / "big.yaml"
    p.write_bytes(b"x" * 1000)
    monkeypatch.setattr(fs.os, "stat", lambda path: os.lstat(tmp_path))  # lie: a folder
    with pytest.raises(FileProblem):
        read_bytes(p, 10)
    monkeypatch.undo()
    reads = []
    real_read = os.read
    monkeypatch.setattr(fs.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    # the size check on stat passes when the file grows after it: the read stops anyway
    monkeypatch.setattr(fs.os, "fstat", os.fstat)
    with pytest.raises(FileProblem) as info:
        read_bytes(p, 999)
    assert info.value.code == "too-large" and sum(reads) <= 1000


def test_temporary_file_is_named_and_removed_when_writing_fails(tmp_path, monkeypatch):
    seen = []
    real_open = os.open

    def spy(path, *a, **k):
        seen.append(os.path.basename(path))
        return real_open(path, *a, **k)

    monkeypatch.setattr(fs.os, "open", spy)
    monkeypatch.setattr(fs.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "full")))
    with pytest.raises(OSError) as info:
        atomic_write(tmp_path / "case.yaml", "x", overwrite=True)
    assert seen[0].startswith(".case.yaml" + TEMP_MARK)
    assert "case.yaml" in str(info.value) and TEMP_MARK not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        atomic_write(tmp_path / "nope" / "case.yaml", "x")
    assert f"the folder {tmp_path / 'nope'} does not exist" in str(info.value)


def test_overwrite_writes_through_a_symlink(tmp_path):
    target = tmp_path / "real.yaml"
    target.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    atomic_write(link, "new", overwrite=True)
    assert link.is_symlink() and target.read_text() == "new"


def test_no_silent_overwrite(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_text("mine")
    with pytest.raises(FileExistsError):
        atomic_write(p, "theirs")
    assert p.read_text() == "mine"
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomic_write(dangling, "x")
