"""Chapter 8's steps are the real ones: every command, target and setting it names exists
(what they do is tested where they are built: the student edition, the swap, the drop)."""
from __future__ import annotations

import re

import pytest

from bookbuild import ROOT

pytestmark = pytest.mark.unit

CHAPTER = (ROOT / "chapters" / "08-for-instructors.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
SPHINXEXT = (ROOT / "vcc_helpers" / "sphinxext.py").read_text(encoding="utf-8")


def test_every_make_target_it_names_exists():
    targets = set(re.findall(r"`make ([a-z-]+)", CHAPTER)) | set(re.findall(r"^make ([a-z-]+)", CHAPTER, re.M))
    assert {"book", "student", "student-branch"} <= targets
    for target in targets:
        assert re.search(rf"^{re.escape(target)}:", MAKEFILE, re.M), target


def test_every_build_switch_it_names_exists():
    for switch in re.findall(r"make book ([A-Z_]+)=", CHAPTER):
        assert f"{switch} ?=" in MAKEFILE, switch


def test_every_setting_it_names_is_registered():
    for key in ("vcc_worked_example", "vcc_student_branch"):
        assert key in CHAPTER
        assert f'add_config_value("{key}"' in SPHINXEXT
    assert "jupyterhub_url" in CHAPTER and "jupyterhub_url" in (ROOT / "_config.yml").read_text()


def test_it_no_longer_asks_for_make_clean_or_to_publish_a_folder_with_answers():
    assert "make clean" not in CHAPTER.split("## Swapping the worked example")[1].split("##")[0] \
        or "No `make clean` is needed" in CHAPTER
    assert "Publish that folder" not in CHAPTER
    assert "git push origin student" in CHAPTER
