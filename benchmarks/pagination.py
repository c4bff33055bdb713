"""The standard-page rule against Final Draft's own scene lengths, on FDX files given by path.

    python benchmarks/pagination.py SCRIPT.fdx [MORE.fdx ...]

For every scene that carries a ``SceneProperties Length`` (Final Draft's count, in eighths), prints
the count by :mod:`shootplan.io.screenplay.pagination` beside it, then the share of scenes within
1/8 page. The files are read, never copied: real Final Draft scripts are rarely openly licensed,
so they stay outside the repository and the figure goes in benchmarks/README.md with its source.
"""

from __future__ import annotations

import sys
from pathlib import Path

from shootplan.io._cells import Problems
from shootplan.io.screenplay.fdx import parse_fdx
from shootplan.io.screenplay.pagination import scene_eighths
from shootplan.pages import format_pages


def compare(path: Path) -> list[tuple[str, int, int]]:
    """(heading, Final Draft's eighths, ours) for each scene of the file with a Length."""
    script = parse_fdx(path.read_bytes(), Problems(path.name))
    return [
        (scene.heading, scene.eighths, scene_eighths(scene.heading, scene.blocks))
        for scene in script.scenes
        if scene.eighths is not None
    ]


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    rows: list[tuple[str, int, int]] = []
    for name in paths:
        found = compare(Path(name))
        print(f"{name}: {len(found)} scenes with a Length")
        print(f"  {'scene heading':<48} {'Final Draft':>11} {'ours':>6} {'diff':>5}")
        for heading, theirs, ours in found:
            print(
                f"  {heading[:48]:<48} {format_pages(theirs):>11} {format_pages(ours):>6} {ours - theirs:>+5}"
            )
        rows += found
    within = sum(abs(ours - theirs) <= 1 for _, theirs, ours in rows)
    share = within / len(rows) if rows else 0.0
    print(f"within 1/8 page: {within} of {len(rows)} scenes ({share:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
