"""The case builder in JupyterLab, by clicking: build, save, restart the kernel, get it back.

JupyterLab on 127.0.0.1 (tests/routes/lab.py), headless Chromium with every non-local
request blocked. A reader adds two components and a relation, saves the case; the kernel
restarts: a note says to run the cell again; after a reload (JupyterLab then shows "model
not found" for the widget) the note still says so; running the cell again offers the
autosaved work, and Recover brings it back.
"""
from __future__ import annotations

import nbformat
import pytest

from tests.browser.reader import new_context

from .builder_lab import LAB_ARGS, BuilderUI, command, open_notebook, restart_kernel, wait_idle
from .envs import ROOT
from .lab import block_non_local, jupyterlab

pytestmark = pytest.mark.routes

CELL = """from vcc_helpers.model import Case
from vcc_helpers.widgets import CaseBuilder
b = CaseBuilder(Case(id="my-case", title="My case"))
b.add_class("route-builder")
b"""


def test_build_save_restart_and_recover(tmp_path, browser):
    from vcc_helpers import casefile
    from vcc_helpers.widgets.builder import RELAUNCH_NOTE

    root = tmp_path / "chapters"
    root.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, root / "mine.ipynb")
    env = {"PYTHONPATH": str(ROOT), "VCC_WORK_DIR": str(root / "my-work")}
    with jupyterlab(root, env=env, args=LAB_ARGS) as (base, token):
        context = new_context(browser)
        blocked: list[str] = []
        block_non_local(context, blocked)
        page = context.new_page()
        open_notebook(page, base, token, "mine.ipynb")
        command(page, "notebook:run-all-cells")
        ui = BuilderUI(page, "route-builder")
        ui.wait()
        note = page.locator(".vcc-relaunch")
        assert note.count() == 1 and not note.is_visible()    # hidden while the builder works
        for cid, label in (("tenant", "Ms K, the tenant"), ("landlord", "The landlord")):
            ui.fill("Id:", cid)
            ui.fill("Label:", label)
            assert "Added component" in ui.timed_click("^Add component$")[1]
        ui.section("Relations")
        ui.select("From (who/what):", option="Ms K, the tenant (tenant)")
        ui.select("To (whom/what):", option="The landlord (landlord)")
        ui.fill("Does:", "reports the damp to")
        assert "Added relation r1" in ui.timed_click("^Add relation$")[1]
        ui.section("Load and save")
        ui.fill("File path:", "my-work/damp.yaml")
        assert "Saved" in ui.timed_click("^Save$")[1]
        saved = casefile.load_case(root / "my-work" / "damp.yaml")
        assert [c.id for c in saved.components] == ["tenant", "landlord"]
        assert [(r.source, r.does, r.target) for r in saved.relations] == [
            ("tenant", "reports the damp to", "landlord")]

        restart_kernel(page)
        note.wait_for(state="visible", timeout=20_000)        # the dead builder says what to do
        assert note.inner_text().strip() == RELAUNCH_NOTE
        command(page, "docmanager:save")
        wait_idle(page)
        page.wait_for_timeout(500)
        page.reload()
        open_notebook(page, base, token, "mine.ipynb")
        page.locator(".jp-OutputArea", has_text="model not found").first.wait_for(timeout=30_000)
        assert page.locator(".vcc-relaunch").first.is_visible()   # still says what to do

        command(page, "notebook:run-all-cells")                # run the cell again
        ui = BuilderUI(page, "route-builder")
        ui.wait()
        recover = ui.button("^Recover$")
        recover.wait_for(state="visible", timeout=30_000)
        assert "Recover your unsaved work" in ui.root.inner_text()
        assert "Recovered" in ui.timed_click("^Recover$")[1]
        header = ui.root.inner_text()
        assert "2 components, 1 relations" in header
        assert not page.locator(".vcc-relaunch").first.is_visible()
        assert not blocked, blocked
        context.close()
