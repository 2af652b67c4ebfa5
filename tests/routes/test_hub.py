"""A JupyterHub whose environment users cannot write to, simulated.

pip then installs into the user's folder (``~/.local``): ``PIP_USER=1`` with a fresh HOME
does the same here (a read-only site-packages cannot be simulated as root). That folder
did not exist when Python started, so it is not on ``sys.path``: without the install
cell's ``site.addsitedir`` the cell's own ``import vcc_helpers`` failed until a restart.
"""
from __future__ import annotations

import pytest


from .envs import PYTHON311, install_cell_code, package_wheel, pip_quiet_env, run_python

pytestmark = pytest.mark.routes


def test_user_site_install_is_importable_without_a_restart(tmp_path, tmp_path_factory):
    WHEELS = tmp_path_factory.getbasetemp()
    home = tmp_path / "home"
    home.mkdir()
    env = pip_quiet_env(HOME=str(home), PIP_USER="1", PATH="/usr/bin:/bin")
    probe = run_python(PYTHON311, "import site, sys; print(site.getusersitepackages() in sys.path)", env)
    assert probe.stdout.strip() == "False", "the user folder must start off sys.path, as on a fresh hub account"
    code = install_cell_code(str(package_wheel(WHEELS))) + "\nprint('from', vcc_helpers.__file__)\nfrom vcc_helpers import cases\nprint(len(cases.names()))"
    proc = run_python(PYTHON311, code, env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    where = proc.stdout.split("from", 1)[1].split()[0]
    assert where.startswith(str(home / ".local")), where
