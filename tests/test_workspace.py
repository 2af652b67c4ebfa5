"""Tests of :mod:`vcc_helpers.workspace`: one work folder, and files moved aside, never lost."""
from __future__ import annotations

import os

import pytest

from vcc_helpers import workspace

pytestmark = pytest.mark.unit


def test_the_work_folder_is_next_to_the_notebook_or_named(monkeypatch, tmp_path):
    monkeypatch.delenv(workspace.ENV_VAR, raising=False)
    assert workspace.work_folder(base=tmp_path) == tmp_path / "my-work"
    monkeypatch.chdir(tmp_path)
    assert workspace.work_folder() == tmp_path / "my-work" and not (tmp_path / "my-work").exists()
    monkeypatch.setenv(workspace.ENV_VAR, str(tmp_path / "elsewhere"))
    assert workspace.work_folder(create=True) == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()
    assert workspace.autosave_path() == tmp_path / "elsewhere" / workspace.AUTOSAVE_NAME


def test_set_aside_never_replaces_a_file(tmp_path):
    a = tmp_path / "a.yaml"
    a.write_text("one", encoding="utf-8")
    first = workspace.set_aside(a)
    a.write_text("two", encoding="utf-8")
    os.utime(a, (first.stat().st_mtime,) * 2)        # the same time stamp: a new name
    second = workspace.set_aside(a)
    assert first != second and not a.exists()
    assert (first.read_text(), second.read_text()) == ("one", "two")
