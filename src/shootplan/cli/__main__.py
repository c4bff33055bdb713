"""``python -m shootplan.cli``: the ``shootplan`` command where the script is not installed."""

from shootplan.cli import main

main(prog_name="shootplan")
