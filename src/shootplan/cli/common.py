"""What every ``shootplan`` command shares: one exit-code table, one error decorator, the consoles.

Every command is wrapped by :func:`command`, which adds ``-v``/``-q`` (accepted before or after
the command name), sets up logging and warnings for the run, and turns every way a command can
end into one line and one exit code of :data:`EXIT_CODES`: the library's errors and unreadable
files are bad input, click's own errors are usage, Ctrl-C is "interrupted" (saying whether any
output changed) and anything else is a bug in shootplan, with how to report it.

Output folders are written with :func:`output_sets`: the whole set lands at once or not at all.
"""

from __future__ import annotations

import functools
import logging
import re
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.text import Text

from shootplan.errors import ShootplanError, ShootplanWarning
from shootplan.io._files import OutputSet
from shootplan.io.readers import ReadProduction, read_production, read_production_from
from shootplan.model import Production

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_INFEASIBLE",
    "EXIT_INTERRUPTED",
    "EXIT_NO_SCHEDULE_YET",
    "EXIT_OK",
    "EXIT_USAGE",
    "INPUT_FILE",
    "ISO_DATE",
    "Options",
    "command",
    "console",
    "count",
    "error",
    "fit",
    "not_a_date",
    "note",
    "options",
    "out_folder_option",
    "output_sets",
    "read_input",
    "read_input_from",
    "silenced",
    "status",
    "warn",
]

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
EXIT_INFEASIBLE = 3
EXIT_NO_SCHEDULE_YET = 4
EXIT_BUG = 70  # sysexits' EX_SOFTWARE: scripts tell our bug from their bad input
EXIT_INTERRUPTED = 130

#: The table ``shootplan --help`` prints (and the README repeats).
EXIT_CODES = """\b
Exit codes:
  0    ok (also after Ctrl-C during the search of plan or replan: the best
       schedule so far is written)
  1    bad input: the message says what is wrong and where (file, sheet, row,
       column); also an input that is no board or cannot be read (a folder,
       a binary, a damaged workbook, no permission)
  2    usage: unknown option, missing argument, no such file, an --out folder
       that cannot be written (said before any search)
  3    no schedule exists: the rules cannot all be met (the reasons are printed)
  4    no schedule found within the time limit, none proven impossible: allow
       more time
  70   a bug in shootplan (the message says how to report it)
  130  interrupted (Ctrl-C) before any schedule was found or while writing: no
       file changed, an output folder keeps its previous complete set (a Ctrl-C
       after the new set is in place says so)
"""

# Results on stdout; progress, warnings and errors on stderr. Neither wraps long lines of text:
# a message cut mid-value (a file name, a cell) is harder to read and to search for.
console = Console(highlight=False, soft_wrap=True)
status = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Options:
    """The group's options, passed to every command through click's context."""

    verbose: int = 0
    quiet: bool = False
    #: Output folders and files already replaced by this run (for what a Ctrl-C message says).
    written: list[Path] = field(default_factory=list)


def options() -> Options:
    """The current command's options (defaults outside a command)."""
    context = click.get_current_context(silent=True)
    found = context.find_object(Options) if context is not None else None
    return found or Options()


# --------------------------------------------------------------------------- messages


def error(message: str) -> None:
    """``error: ...`` on stderr, even under --quiet."""
    status.print(Text.assemble(("error: ", "bold red"), inert(message)))


def warn(message: str) -> None:
    """``warning: ...`` on stderr (hidden by --quiet)."""
    if not options().quiet:
        status.print(Text.assemble(("warning: ", "yellow"), inert(message)))


def note(message: str) -> None:
    """A line about what shootplan is doing (stderr, hidden by --quiet)."""
    if not options().quiet:
        status.print(Text(inert(message), style="dim"))


# A message line longer than this is cut: a quoted cell of 100,000 characters helps no one.
_LINE_CHARACTERS = 400
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def inert(message: str) -> str:
    """``message`` safe for a terminal and of readable length: control characters (an escape
    sequence typed into a cell would clear the screen) go, and each line stops at 400 characters."""
    lines = []
    for line in _TERMINAL_CONTROLS.sub("", message).split("\n"):
        extra = len(line) - _LINE_CHARACTERS
        lines.append(line if extra <= 0 else f"{line[:_LINE_CHARACTERS]}... ({extra:,} more characters)")
    return "\n".join(lines)


def count(number: int, noun: str) -> str:
    """``1 rule``, ``2 rules``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def fit(name: str, width: int = 24) -> str:
    """A name cut to ``width`` characters with an ellipsis so tables fit 80 columns; whole under -v."""
    if options().verbose or len(name) <= width:
        return name
    return name[: width - 1] + "\u2026"


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """ShootplanWarnings read as one plain line (no file and line of library source)."""
    if issubclass(category, ShootplanWarning):
        warn(str(message))
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


# --------------------------------------------------------------------------- the decorator


def _add_verbose(context: click.Context, _: click.Parameter, value: int) -> None:
    context.ensure_object(Options).verbose += value


def _add_quiet(context: click.Context, _: click.Parameter, value: bool) -> None:
    context.ensure_object(Options).quiet |= value


verbose_option = click.option(
    "-v",
    "--verbose",
    count=True,
    expose_value=False,
    callback=_add_verbose,
    help="More detail: -v the solver's steps and whole names, -vv its search log.",
)
quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    callback=_add_quiet,
    help="Only errors (files are still written).",
)


def command(function: F) -> F:
    """A command: -v/-q accepted after it too, and every way it ends one message and exit code.

    Logging, warnings and --quiet are set up for the command and put back afterwards, so running
    commands in-process (tests, notebooks) leaves no trace.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _session(options()):
            try:
                return function(*args, **kwargs)
            except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
                raise
            except ShootplanError as problem:
                error(str(problem))
                sys.exit(EXIT_BAD_INPUT)
            except OSError as problem:
                where = f"{problem.filename}: " if problem.filename else ""
                error(f"{where}{problem.strerror or problem}")
                sys.exit(EXIT_BAD_INPUT)
            except KeyboardInterrupt:
                _interrupted()
            except Exception as problem:
                _bug(problem)

    return verbose_option(quiet_option(wrapper))  # type: ignore[return-value]


def _interrupted() -> NoReturn:
    written = options().written
    if written:
        where = ", ".join(str(path) for path in written)
        status.print(f"interrupted after writing: {where} holds the new outputs, complete")
    else:
        status.print("interrupted: no file was changed")
    sys.exit(EXIT_INTERRUPTED)


def _bug(problem: Exception) -> NoReturn:
    if options().verbose:
        status.print(traceback.format_exc(), markup=False)
    error(
        f"shootplan hit a bug ({type(problem).__name__}: {problem}). Please report it with"
        " the output of: python -c 'import shootplan; shootplan.show_versions()'"
        + ("" if options().verbose else " (run with -v to see the traceback)")
    )
    sys.exit(EXIT_BUG)


@contextmanager
def _session(chosen: Options) -> Iterator[None]:
    """Logging on stderr at the chosen detail, plain warning lines, --quiet; restored on exit."""
    root = logging.getLogger()
    handler = RichHandler(console=status, show_time=False, show_path=False, markup=False)
    handler.addFilter(_Inert())
    if not chosen.verbose:
        handler.addFilter(_QuietInterrupt())
    saved = root.level, console.quiet
    root.addHandler(handler)
    levels = (logging.WARNING, logging.INFO, logging.DEBUG)
    root.setLevel(logging.ERROR if chosen.quiet else levels[min(chosen.verbose, 2)])
    console.quiet = chosen.quiet
    try:
        with warnings.catch_warnings():
            # Every warning about the user's data is shown, each time it happens.
            warnings.simplefilter("always", ShootplanWarning)
            warnings.showwarning = _show_warning
            yield
    finally:
        root.removeHandler(handler)
        root.setLevel(saved[0])
        console.quiet = saved[1]


@contextmanager
def silenced(logger_name: str) -> Iterator[None]:
    """The records of one logger left out while the command says the same in its own words."""
    logger = logging.getLogger(logger_name)
    saved = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = saved


class _Inert(logging.Filter):
    """Log lines pass through :func:`inert` as every other message does: the library's logs quote
    what a file holds (a damaged feed event's 100,000-character title, an escape sequence)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = inert(record.getMessage()), None
        return True


class _QuietInterrupt(logging.Filter):
    """The solver logs Ctrl-C; the command says it in its own words, once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "shootplan.solver" and record.getMessage().startswith("interrupted"))


# --------------------------------------------------------------------------- shared options


class _IsoDate(click.DateTime):
    """A YYYY-MM-DD option; a date of that shape that does not exist (2027-02-31) says so."""

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        why = not_a_date(value) if isinstance(value, str) else None
        if why is not None:
            self.fail(why, param, ctx)
        return super().convert(value, param, ctx)


def not_a_date(text: str) -> str | None:
    """Why a YYYY-MM-DD text names no day (``2027-02-31 is not a date: February 2027 has 28
    days``), or None when it does or has another shape."""
    if match := re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text):
        year, month, day = (int(part) for part in match.groups())
        try:
            date(year, month, day)
        except ValueError:
            return f"{text.strip()} is not a date: {_why_not(year, month, day)}"
    return None


def _why_not(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    following = date(year + month // 12, month % 12 + 1, 1)
    return f"{datetime(year, month, 1):%B %Y} has {(following - date(year, month, 1)).days} days"


ISO_DATE = _IsoDate()


def time_limit_option(default: float, text: str = "Seconds to search.") -> Callable[[F], F]:
    """``--time-limit`` (seconds, above 0)."""
    return click.option(
        "--time-limit",
        type=click.FloatRange(min=0, min_open=True),
        default=default,
        show_default=True,
        help=text,
    )


num_workers_option = click.option(
    "--num-workers",
    "--workers",
    "num_workers",
    type=click.IntRange(min=1),
    help="Solver threads (default: every core); as solve(num_workers=...).",
)
seed_option = click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed of the search."
)


#: An input FILE: a missing path is usage (exit 2); a folder or a file this user cannot read is bad
#: input (exit 1), which the reader reports in its own words.
INPUT_FILE = click.Path(exists=True, readable=False, path_type=Path)


def out_folder_option(
    default: Path, text: str = "Folder for the outputs (created if needed; replaced as a whole)."
) -> Callable[[F], F]:
    """``--out``: the folder a command writes its whole set of outputs into."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=True,
        help=text,
    )


# --------------------------------------------------------------------------- reading and writing


def read_input(file: Path, **overrides: Any) -> Production:
    """Read a production (any format); its warnings print as plain lines on stderr."""
    return read_production(file, **overrides)


def read_input_from(file: Path) -> ReadProduction:
    """:func:`read_input`, also saying where the production's name came from (for ``check``)."""
    return read_production_from(file)


@contextmanager
def output_sets(*folders: Path) -> Iterator[list[OutputSet]]:
    """Each folder's new files written as one unit: on any error or Ctrl-C, no folder changes.

    Write every file to ``stage.path(...)`` of the yielded sets. The sets are swapped in one after
    the other once the block ends; a Ctrl-C during the swap waits until it is done (a few
    milliseconds), so the message it gets is true.
    """
    with ExitStack() as stack:
        sets = [OutputSet(folder) for folder in folders]
        for output in sets:
            stack.enter_context(output)
        yield sets
        with _held_interrupts():
            stack.close()
            options().written.extend(output.folder for output in sets)


@contextmanager
def _held_interrupts() -> Iterator[None]:
    """Ctrl-C during the block is delivered when it ends (main thread only; elsewhere as usual)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        # None: a handler not set from Python; Python's own is the one to put back then.
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)
    if pressed:
        raise KeyboardInterrupt
