"""A broken hard rule found by the scorer, with the entities it concerns."""

from __future__ import annotations

from dataclasses import dataclass

from shootplan.findings import Rule

__all__ = ["Violation"]


@dataclass(frozen=True)
class Violation:
    """A broken hard rule (a :class:`~shootplan.findings.Rule`), with the entities it concerns."""

    rule: Rule
    message: str
    day: int | None = None
    scene: str | None = None
    cast: str | None = None
    location: str | None = None

    def __str__(self) -> str:
        return f"[{self.rule.label}] {self.message}"
