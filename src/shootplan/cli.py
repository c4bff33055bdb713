"""The ``shootplan`` command.

Exit codes: 0 ok, 1 bad input (the message says what and where), 2 usage error, 3 no schedule
exists (the explanation is printed).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console

from shootplan import __version__
from shootplan.errors import ShootplanError
from shootplan.examples import example_production

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INFEASIBLE = 0, 1, 2, 3

console = Console()
errors = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(command: F) -> F:
    """Turn the library's own errors into a clear message and exit code 1, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ShootplanError as error:
            errors.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
            sys.exit(EXIT_BAD_INPUT)
        except OSError as error:
            errors.print(f"[bold red]error:[/] {error}", highlight=False)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="shootplan")
@click.option("-v", "--verbose", count=True, help="More detail (-vv for solver logs).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """Plan film and TV shoots: import a stripboard, optimize it, export it.

    \b
    Examples:
      shootplan demo                 plan the bundled example production
    """
    level = logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    if quiet:
        console.quiet = True


@main.command()
@_friendly
def demo() -> None:
    """Validate and summarize the bundled example production.

    \b
    Example:
      shootplan demo
    """
    production = example_production()
    console.print(production.summary(), highlight=False)


if __name__ == "__main__":  # pragma: no cover
    main()
