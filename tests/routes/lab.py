"""JupyterLab on 127.0.0.1 with a token, for the browser route tests (and a bench)."""
from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from collections.abc import Iterator
from urllib.parse import urlsplit

JUPYTER = Path(sys.executable).with_name("jupyter")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(root: Path, env: dict | None = None) -> Iterator[tuple[str, str]]:
    """Start JupyterLab serving ROOT; yield (base URL, token); stop it afterwards."""
    port, token = free_port(), secrets.token_hex(16)
    home = root.parent / f"{root.name}-home"
    home.mkdir(exist_ok=True)
    # render every cell at once (JupyterLab 4 otherwise renders only what is on screen)
    settings = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    run_env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), **(env or {})}
    proc = subprocess.Popen(
        [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--ServerApp.open_browser=False", "--allow-root", "--LabApp.extension_manager=readonly", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
         "jupyterlab.NeverCheckForUpdate", "--ServerApp.disable_check_xsrf=False"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=run_env, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("JupyterLab exited:\n" + proc.stdout.read()[-3000:]) from None
                time.sleep(0.2)
        else:
            raise RuntimeError("JupyterLab did not start")
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def block_non_local(context, blocked: list[str]) -> None:
    """Abort every request not to 127.0.0.1 and record it in BLOCKED."""
    def handle(route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    context.route("**/*", handle)
