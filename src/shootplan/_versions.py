"""``show_versions()``: what to paste into a bug report."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

__all__ = ["show_versions", "versions"]

_PACKAGES = ("shootplan", "ortools", "pydantic", "pandas", "openpyxl", "icalendar", "numpy")


def versions() -> dict[str, str]:
    """Python, platform and the installed version of shootplan and each dependency."""
    found = {"python": sys.version.split()[0], "platform": platform.platform()}
    for name in _PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def show_versions() -> None:
    """Print the versions of shootplan, Python and the libraries it relies on."""
    for name, version in versions().items():
        print(f"{name:<12}{version}")
