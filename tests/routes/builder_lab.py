"""Drive the case builder in JupyterLab by clicking, and time click-to-updated-DOM.

Shared by ``tests/routes/test_builder_lab.py`` and ``bench/bench_builder_lab.py``.
JupyterLab is started with ``--LabApp.expose_app_in_browser=True`` (:data:`LAB_ARGS`)
so that the page can run JupyterLab's own commands (run all cells, restart the kernel).
"""
from __future__ import annotations

import re

LAB_ARGS = ("--LabApp.expose_app_in_browser=True",)

# Arms a timer on the builder ROOT: it starts at the next click inside ROOT and stops
# when the builder's status line shows a new final message (not "Redrawing ...": the
# builder sets its final status after every figure and form), every image in ROOT has
# decoded, and two animation frames have passed (the update is painted).
_ARM = """sel => {
  const root = document.querySelector(sel);
  const status = () => Array.from(root.querySelectorAll('[role=status]'))
                            .map(e => e.textContent).join(' | ');
  const before = status();
  window.__vccTimer = new Promise(resolve => {
    let t0 = null, done = false;
    const onClick = e => { if (t0 === null && root.contains(e.target)) t0 = performance.now(); };
    document.addEventListener('click', onClick, true);
    const finish = () => {
      const imgs = Array.from(root.querySelectorAll('img'));
      Promise.all(imgs.map(i => i.decode ? i.decode().catch(() => null) : null)).then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() =>
          resolve({ms: performance.now() - t0, status: status()}))));
    };
    const obs = new MutationObserver(() => {
      const now = status();
      if (!done && t0 !== null && now !== before && !now.includes('Redrawing')) {
        done = true; obs.disconnect(); document.removeEventListener('click', onClick, true);
        finish();
      }
    });
    obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
  });
}"""


def open_notebook(page, base: str, token: str, name: str, timeout: float = 120_000) -> None:
    """Open NAME in JupyterLab and wait until its kernel is idle."""
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget && "
        "window.jupyterapp.shell.currentWidget.sessionContext && "
        "window.jupyterapp.shell.currentWidget.sessionContext.session && "
        "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel && "
        "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=timeout)


_IDLE = ("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
         " === 'idle'")


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the notebook's kernel is idle (a reader pauses between clicks)."""
    page.wait_for_function(_IDLE, timeout=timeout)


def command(page, name: str) -> None:
    """Run a JupyterLab command (e.g. ``notebook:run-all-cells``)."""
    page.evaluate("name => window.jupyterapp.commands.execute(name)", name)


def restart_kernel(page, timeout: float = 60_000) -> None:
    """Restart the notebook's kernel (no dialog) and wait until it is idle again."""
    page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
                  ".restart()")
    wait_idle(page, timeout)


class BuilderUI:
    """One case builder on the page, found by a CSS class its cell gave it."""

    def __init__(self, page, css_class: str) -> None:
        self.page = page
        self.sel = f".{css_class}"
        self.root = page.locator(self.sel).first

    def wait(self, timeout: float = 240_000) -> None:
        self.root.locator("[role=status]").first.wait_for(timeout=timeout)

    def section(self, name: str) -> None:
        self.root.locator("button.widget-toggle-button", has_text=name).first.click()

    def lens(self, title: str) -> None:
        """Show the figure of the lens TITLE (the "Lens:" switch), where there is a switch."""
        button = self.root.locator("button.widget-toggle-button",
                                   has_text=re.compile("^" + re.escape(title) + "$"))
        if button.count():
            button.first.click()

    def _field(self, label: str, kind: str):
        box = self.root.locator(f".widget-{kind}:visible").filter(
            has=self.page.locator("label", has_text=re.compile("^" + re.escape(label) + "$")))
        return box.first

    def fill(self, label: str, value: str) -> None:
        self._field(label, "text").locator("input").fill(value)

    def select(self, label: str, *, index: int | None = None, option: str | None = None) -> None:
        sel = self._field(label, "dropdown").locator("select")
        if option is not None:
            sel.select_option(label=option)
        else:
            sel.select_option(index=index)

    def button(self, text: str):
        return self.root.locator("button:visible", has_text=re.compile(text)).first

    def status(self) -> str:
        return " | ".join(self.root.locator("[role=status]").all_text_contents())

    def timed_click(self, text: str, timeout: float = 60_000) -> tuple[float, str]:
        """Click the button whose text matches TEXT; (milliseconds to the updated and painted
        DOM, the status shown then), clicked once the kernel is idle (as after a reader's
        pause). Raises if the builder refused or failed."""
        wait_idle(self.page)
        self.page.evaluate(_ARM, self.sel)
        self.button(text).click()
        out = self.page.evaluate("() => window.__vccTimer")
        if out["status"].lstrip().startswith(("Not changed", "Something went wrong")):
            raise AssertionError(f"{text!r}: {out['status']}")
        return out["ms"], out["status"]
