"""The example production bundled with the package: every tutorial works after pip install."""

from __future__ import annotations

from importlib import resources

from shootplan.model import Production

__all__ = ["example_production"]


def example_production() -> Production:
    """The bundled original feature production (about 120 scenes, 25+ cast, 12+ locations)."""
    text = resources.files("shootplan").joinpath("data/example_production.json").read_text("utf-8")
    return Production.model_validate_json(text)
