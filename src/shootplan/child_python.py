"""How shootplan starts a child Python on one of its own modules (``python -m shootplan...``).

The annealing's extra chains and the sweep's local solves both run as such children rather than
through ``multiprocessing``, whose spawned workers import the caller's main script again (a script
without a ``__main__`` guard would run twice). The child must import the same ``shootplan`` as
the parent, wherever it was imported from (a checkout on ``sys.path``, not installed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["module_command", "module_environment"]

# The folder ``shootplan`` is imported from.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


def module_command(module: str) -> list[str]:
    """The command that runs ``module`` (``shootplan.solver.chains``) in this Python."""
    return [sys.executable, "-m", module]


def module_environment() -> dict[str, str]:
    """This process's environment, with the parent's ``shootplan`` and import path first."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join([_PACKAGE_ROOT, *sys.path])}
