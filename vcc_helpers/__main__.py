"""``python -m vcc_helpers``: the command line (see :mod:`vcc_helpers.cli`)."""
from .cli import main

if __name__ == "__main__":  # pragma: no branch
    raise SystemExit(main())
