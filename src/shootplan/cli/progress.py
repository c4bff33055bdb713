"""What the terminal shows while a search runs (``plan``, ``demo``, ``replan``) or files are written."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Group, RenderableType
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from shootplan.cli.common import fit, options, status
from shootplan.money import format_money
from shootplan.solver import Progress

__all__ = ["busy", "progress"]

_HINT = "Ctrl-C stops the search and keeps the best schedule so far"


class _SearchView:
    """The live display while the solver searches: time, best cost, bound, gap, moves, holds."""

    def __init__(self, title: str, time_limit: float) -> None:
        self.title = title
        self.time_limit = time_limit
        self.started = time.perf_counter()
        self.best: Progress | None = None
        self.spinner = Spinner("dots", style="cyan")

    def update(self, progress: Progress) -> None:
        self.best = progress

    def __rich__(self) -> RenderableType:
        elapsed = time.perf_counter() - self.started
        head = Table.grid(padding=(0, 1))
        head.add_row(
            self.spinner,
            Text(fit(self.title, 30), style="bold"),
            ProgressBar(total=self.time_limit, completed=min(elapsed, self.time_limit), width=20),
            Text(f"{elapsed:5.1f} s of {self.time_limit:g} s"),
        )
        best = self.best
        if best is None:
            figures = Text("  looking for a first schedule...", style="dim")
        else:
            figures = Text.assemble(
                "  cost ",
                (format_money(best.cost), "bold"),
                "  bound ",
                format_money(best.bound),
                "  gap ",
                (f"{best.gap:.1%}", "bold green" if best.gap == 0 else "bold"),
                "  moves ",
                (str(best.company_moves), "bold"),
                "  hold days ",
                (str(best.hold_days), "bold"),
            )
        return Group(head, figures, Text(f"  {_HINT}", style="dim"))


@contextmanager
def busy(what: str) -> Iterator[None]:
    """A spinner on a terminal while something slow happens (nothing in logs or with -q)."""
    if options().quiet or not status.is_terminal:
        yield
        return
    with status.status(Text(what), spinner="dots"):
        yield


def _progress_line(progress: Progress) -> str:
    return (
        f"{progress.elapsed:6.1f} s  cost {format_money(progress.cost)}"
        f"  bound {format_money(progress.bound)}  gap {progress.gap:.1%}"
        f"  moves {progress.company_moves}  hold days {progress.hold_days}"
    )


@contextmanager
def progress(title: str, time_limit: float) -> Iterator[Callable[[Progress], None]]:
    """A progress callback for solve() and replan(): a live display on a terminal, else a line a second."""
    if options().quiet:
        yield lambda progress: None
        return
    if status.is_terminal:
        view = _SearchView(title, time_limit)
        with Live(view, console=status, refresh_per_second=8, transient=True):
            yield view.update
        return
    status.print(f"{title}: up to {time_limit:g} s; {_HINT}", markup=False)
    last = [-1.0]

    def show(progress: Progress) -> None:
        # Logs and CI output: every improvement would flood them, one line a second does not.
        if last[0] < 0 or progress.elapsed - last[0] >= 1.0:
            last[0] = progress.elapsed
            status.print(_progress_line(progress), markup=False)

    yield show
