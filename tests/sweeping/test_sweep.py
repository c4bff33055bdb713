"""Scenario sweeps: scenarios applied, one row per scenario, the same rows on every executor."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from shootplan import Production, Scenario, SolveParams, sweep
from shootplan.errors import ParameterError, ProductionError
from shootplan.sweeping import ClusterError

# Short, deterministic solves: one CP-SAT worker and a seed repeat exactly anywhere.
PARAMS = SolveParams(time_limit=2, seed=3)
MEASURED = ["time", "peak_memory_mb"]


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    """As planned; one shoot day only (too few: infeasible); NORA away the first week."""
    away = {"cast_unavailable": [{"cast": "1", "dates": ["2027-03-01..2027-03-05"]}]}
    return [
        Scenario(name="as planned"),
        Scenario(name="1 day", days=1),
        Scenario(name="Nora away wk 1", changes=away),
    ]


@pytest.fixture(scope="module")
def local_rows(small_production: Production, scenarios: list[Scenario]) -> pd.DataFrame:
    """The three scenarios swept in child Pythons on this machine."""
    result = sweep(small_production, scenarios, workers_per_solve=1, params=PARAMS)
    return result.frame.drop(columns=MEASURED)


def test_scenario_changes_days_start_page_cap_and_rates(small_production: Production) -> None:
    """Each field of a scenario lands on the production it asks about."""
    scenario = Scenario(name="x", days=9, start=date(2027, 3, 8), page_cap="4", rates={1: 1500})
    changed = scenario.apply(small_production)
    assert changed.rules.max_shoot_days == 9
    assert changed.rules.max_eighths_per_day == 32
    assert changed.calendar.start == date(2027, 3, 8)
    assert changed.cast_member("1").daily_rate == 1500
    assert scenario.apply(small_production) == changed


def test_scenario_without_changes_is_the_production(small_production: Production) -> None:
    """A scenario that changes nothing asks about the production as it stands."""
    assert Scenario(name="as planned").apply(small_production) == small_production


def test_scenario_errors_name_the_scenario(small_production: Production) -> None:
    """A rule the production lacks or a performer it does not have is an error naming the scenario."""
    with pytest.raises(ProductionError, match=r"scenario 'typo'.*no_such_rule"):
        Scenario(name="typo", rules={"no_such_rule": 1}).apply(small_production)
    with pytest.raises(ProductionError, match=r"scenario 'who'.*cast 9"):
        Scenario(name="who", rates={"9": 100}).apply(small_production)


def test_add_shoot_days_needs_a_limit(small_production: Production) -> None:
    """Without a limit on shoot days there is nothing to add to: an error naming the scenario."""
    with pytest.raises(ProductionError, match=r"scenario 'more'.*add_shoot_days \+2.*days="):
        Scenario(name="more", changes={"add_shoot_days": 2}).apply(small_production)


def test_scenario_names_must_differ(small_production: Production) -> None:
    """Two scenarios of one name would make one row of two: refused before solving."""
    with pytest.raises(ParameterError, match="same"):
        sweep(small_production, [Scenario(name="same"), Scenario(name="same")])


def test_unknown_executor_is_a_clear_error(small_production: Production) -> None:
    """An executor that is none of the known kinds says which ones are."""
    with pytest.raises(ClusterError, match="dask://"):
        sweep(small_production, [Scenario(name="a")], executor="spark://x")


@pytest.mark.slow
def test_sweep_rows_and_infeasible_reason(local_rows: pd.DataFrame) -> None:
    """One row per scenario in order; the infeasible one says why in its row."""
    assert list(local_rows.index) == ["as planned", "1 day", "Nora away wk 1"]
    assert local_rows.loc["1 day", "status"] == "infeasible"
    assert "1 shoot days available" in local_rows.loc["1 day", "reason"]
    assert pd.isna(local_rows.loc["1 day", "cost"])
    assert local_rows.loc["Nora away wk 1", "cost"] > local_rows.loc["as planned", "cost"]


@pytest.mark.slow
def test_sweep_on_a_futures_executor(
    small_production: Production, scenarios: list[Scenario], local_rows: pd.DataFrame
) -> None:
    """Any concurrent.futures executor runs the same tasks to the same rows."""
    with ThreadPoolExecutor(2) as pool:
        result = sweep(small_production, scenarios, executor=pool, workers_per_solve=1, params=PARAMS)
    pd.testing.assert_frame_equal(result.frame.drop(columns=MEASURED), local_rows)


@pytest.mark.slow
def test_sweep_on_dask_gives_the_same_rows(
    small_production: Production, scenarios: list[Scenario], local_rows: pd.DataFrame
) -> None:
    """A real Dask LocalCluster (declaring CPU resources) gives the local rows exactly."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, resources={"CPU": 2}, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = sweep(small_production, scenarios, executor=client, workers_per_solve=1, params=PARAMS)
    pd.testing.assert_frame_equal(result.frame.drop(columns=MEASURED), local_rows)


@pytest.mark.slow
def test_sweep_on_ray_gives_the_same_rows(
    small_production: Production, scenarios: list[Scenario], local_rows: pd.DataFrame
) -> None:
    """A real local Ray gives the local rows exactly."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        result = sweep(small_production, scenarios, executor="ray", workers_per_solve=1, params=PARAMS)
    finally:
        ray.shutdown()
    pd.testing.assert_frame_equal(result.frame.drop(columns=MEASURED), local_rows)


def unused_port() -> int:
    """A local port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "address"), [("distributed", "dask://"), ("ray", "ray://")])
def test_unreachable_cluster_is_one_clear_error(
    small_production: Production, engine: str, address: str
) -> None:
    """A scheduler nobody runs is a ClusterError naming the address within seconds, not a hang."""
    pytest.importorskip(engine)
    port = unused_port()
    started = time.perf_counter()
    with pytest.raises(ClusterError, match=rf"cannot reach .* at \w+://127\.0\.0\.1:{port}"):
        sweep(small_production, [Scenario(name="a")], executor=f"{address}127.0.0.1:{port}")
    assert time.perf_counter() - started < 8


@pytest.mark.slow
def test_compare_excel_and_plot(
    small_production: Production, scenarios: list[Scenario], tmp_path: Path
) -> None:
    """compare() is each scenario minus the base; the sheet has one row per scenario; the plot draws."""
    from shootplan.io.excel import write_sweep_workbook

    with ThreadPoolExecutor(1) as pool:
        result = sweep(small_production, scenarios, executor=pool, workers_per_solve=1, params=PARAMS)
    delta = result.compare("as planned")
    assert delta.loc["as planned", "cost_change"] == 0
    assert delta.loc["Nora away wk 1", "cost_change"] > 0
    assert result.best() is result["as planned"]
    path = write_sweep_workbook(result.frame, tmp_path / "sweep.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    names = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names == ["as planned", "1 day", "Nora away wk 1"]
    pytest.importorskip("matplotlib")
    assert len(result.plot().axes) == 2


@pytest.mark.slow
def test_a_scenario_stopped_by_its_time_limit_repeats_on_another_executor() -> None:
    """One worker and a seed repeat exactly even when the limit, not a proof, ends the search:
    the bundled example in 3 s stops on a feasible plan, the same in child Pythons and in threads."""
    from shootplan import example_production

    production = example_production()
    rushed = [Scenario(name="rushed", days=27), Scenario(name="rushed, 26 days", days=26)]
    params = SolveParams(time_limit=3, seed=5)
    local = sweep(production, rushed, workers_per_solve=1, params=params)
    with ThreadPoolExecutor(2) as pool:
        threads = sweep(production, rushed, executor=pool, workers_per_solve=1, params=params)
    assert set(local.frame["status"]) == {"feasible"}  # the limit ended both searches
    pd.testing.assert_frame_equal(threads.frame.drop(columns=MEASURED), local.frame.drop(columns=MEASURED))
    assert [local.schedules[n].day_lists() for n in local.schedules] == [
        threads.schedules[n].day_lists() for n in local.schedules
    ]
