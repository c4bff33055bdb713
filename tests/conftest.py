"""Shared fixtures: small, hand-checkable productions."""

from __future__ import annotations

from typing import Any

import pytest

from shootplan import Production


def small_production_data() -> dict[str, Any]:
    """The raw data of the six-scene production, for tests that alter it before validating."""
    return {
        "name": "Small Town",
        "scenes": [
            {
                "number": "1",
                "int_ext": "INT",
                "set": "DINER - BOOTH",
                "eighths": 16,
                "cast": ["1", "2"],
            },
            {"number": "2", "int_ext": "EXT", "set": "FARM - FIELD", "eighths": 12, "cast": ["1"]},
            {
                "number": "3",
                "int_ext": "INT",
                "set": "CLINIC - WARD",
                "time_of_day": "NIGHT",
                "eighths": 3,
                "cast": ["2", "3"],
            },
            {
                "number": "4",
                "int_ext": "INT",
                "set": "DINER - KITCHEN",
                "eighths": 8,
                "cast": ["3"],
            },
            {
                "number": "5",
                "int_ext": "EXT",
                "set": "FARM - BARN",
                "eighths": 16,
                "cast": ["1", "2"],
            },
            {
                "number": "6",
                "int_ext": "INT",
                "set": "CLINIC - OFFICE",
                "eighths": 8,
                "cast": ["1"],
            },
        ],
        "cast": [
            {"id": "1", "name": "Ada Quinn", "character": "NORA", "daily_rate": 1000},
            {"id": "2", "name": "Ben Ruiz", "character": "ELIAS", "daily_rate": 500},
            {"id": "3", "name": "Cleo Park", "character": "MAE", "daily_rate": 200},
        ],
        "locations": [{"name": "DINER"}, {"name": "FARM"}, {"name": "CLINIC"}],
        "calendar": {"start": "2027-03-01"},
    }


@pytest.fixture(scope="session")
def small_production() -> Production:
    """Six scenes at a diner, a farm and a clinic; cast NORA (1000/day), ELIAS (500), MAE (200).

    Starts Monday 2027-03-01, Mon-Fri; one night scene (3); default rules (5 pages a day).
    """
    return Production.model_validate(small_production_data())
