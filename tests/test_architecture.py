"""The layering of docs/architecture.md, checked on the source so it cannot silently decay.

Each rule is a small checker over a source tree (the folder holding the ``shootplan`` package).
The checkers run on ``src/`` and on tiny fake trees written to a temporary folder, so a checker
that stopped seeing imports would fail its own tests instead of passing everything.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

# The core: what every other package builds on, so it may depend on none of them.
CORE = (
    "errors",
    "child_python",
    "findings",
    "money",
    "quality",
    "pages",
    "validation",
    "settings",
    "shoot_calendar",
    "light",
    "profiles",
    "rules",
    "scenes",
    "model",
    "schedule",
    "sun",
    "shares",
    "violations",
    "day_order",
    "day_checks",
    "evaluation",
    "location_runs",
    "empty_days",
    "timeline",
    "palette",
    "zones",
)

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Layer:
    """Modules under any of ``members`` (except under ``exempt``) import nothing under ``forbidden``."""

    name: str
    members: tuple[str, ...]
    forbidden: tuple[str, ...]
    exempt: tuple[str, ...] = ()

    def covers(self, module: str) -> bool:
        """Whether the rule applies to this module."""
        return any(_within(module, m) for m in self.members) and not any(
            _within(module, e) for e in self.exempt
        )


LAYERS = (
    Layer(
        "solver/ and replanning/ open no files and know no command line",
        ("shootplan.solver", "shootplan.replanning"),
        ("shootplan.io", "shootplan.cli"),
    ),
    Layer("solver/ knows nothing of re-planning", ("shootplan.solver",), ("shootplan.replanning",)),
    Layer("sweeping/ opens no files", ("shootplan.sweeping",), ("shootplan.io", "shootplan.cli")),
    Layer(
        "io/ knows nothing of CP-SAT or the command line",
        ("shootplan.io",),
        ("ortools", "shootplan.solver", "shootplan.cli"),
    ),
    Layer(
        "the core imports no solver, file format or command line",
        tuple(f"shootplan.{name}" for name in CORE),
        ("ortools", "shootplan.io", "shootplan.solver", "shootplan.replanning", "shootplan.cli"),
    ),
    Layer("only cli/ imports cli/", ("shootplan",), ("shootplan.cli",), exempt=("shootplan.cli",)),
)


@dataclass(frozen=True)
class Import:
    """One module a source file depends on, with where it says so."""

    path: Path
    line: int
    target: str


@functools.cache
def _source(path: Path) -> tuple[str, ast.Module]:
    """A file's text and syntax tree, read once per run (four checkers walk the same files)."""
    text = path.read_text("utf-8")
    return text, ast.parse(text, str(path))


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def python_files(root: Path) -> list[Path]:
    """Every module of the tree, in a stable order."""
    return sorted(root.rglob("*.py"))


def module_name(root: Path, path: Path) -> str:
    """``shootplan/io/excel.py`` -> ``shootplan.io.excel``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Import statements anywhere (functions too), except under ``if TYPE_CHECKING:``.

    Annotation-only imports never run, so they create no dependency at run time.
    """
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
        return
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        children: list[ast.AST] = list(node.orelse)
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _import_nodes(child)


def _reexports(root: Path) -> dict[tuple[str, str], str]:
    """(package, name) -> the module a package's ``__init__`` takes the name from.

    So ``from shootplan import solve`` counts as depending on ``shootplan.solver``.
    """
    found: dict[tuple[str, str], str] = {}
    for path in python_files(root):
        if path.name != "__init__.py":
            continue
        package = module_name(root, path)
        for node in _import_nodes(_source(path)[1]):
            if isinstance(node, ast.ImportFrom):
                source = _absolute(package, True, node)
                for alias in node.names:
                    found[(package, alias.asname or alias.name)] = source
    return found


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module of ``from <node.module> import ...``, relative levels resolved."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@dataclass(frozen=True)
class Tree:
    """A source tree's modules and its packages' re-exports, read once for all its files."""

    root: Path
    modules: frozenset[str]
    reexports: dict[tuple[str, str], str]

    @classmethod
    def read(cls, root: Path) -> Tree:
        """The tree under ``root``."""
        modules = frozenset(module_name(root, path) for path in python_files(root))
        return cls(root, modules, _reexports(root))


def imports_in(tree: Tree, path: Path) -> list[Import]:
    """The modules one file imports: ``import a.b``, ``from .x import y``, ``from . import x``."""
    module = module_name(tree.root, path)
    found: list[Import] = []
    for node in _import_nodes(_source(path)[1]):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
            continue
        source = _absolute(module, path.name == "__init__.py", node)
        for alias in node.names:
            if f"{source}.{alias.name}" in tree.modules:  # `from package import submodule`
                found.append(Import(path, node.lineno, f"{source}.{alias.name}"))
                continue
            found.append(Import(path, node.lineno, source))
            if (source, alias.name) in tree.reexports:
                found.append(Import(path, node.lineno, tree.reexports[(source, alias.name)]))
    return found


def import_violations(root: Path, layers: tuple[Layer, ...] = LAYERS) -> list[str]:
    """Every import that breaks a layer rule, as ``file:line imports X (rule)``."""
    tree = Tree.read(root)
    problems: list[str] = []
    for path in python_files(root):
        rules = [layer for layer in layers if layer.covers(module_name(root, path))]
        for imported in imports_in(tree, path) if rules else []:
            for layer in rules:
                if any(_within(imported.target, f) for f in layer.forbidden):
                    where = f"{path.relative_to(root)}:{imported.line}"
                    problems.append(f"{where} imports {imported.target} ({layer.name})")
    return sorted(set(problems))


_OS_REPLACE = re.compile(r"\bos\.replace\b|\bfrom\s+os\s+import\s+[^\n]*\breplace\b")


def os_replace_modules(root: Path) -> list[str]:
    """The modules that mention ``os.replace`` (code, comment or docstring, as ``grep`` would)."""
    return [
        path.relative_to(root).as_posix()
        for path in python_files(root)
        if _OS_REPLACE.search(_source(path)[0])
    ]


def long_modules(root: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """Modules over ``limit`` lines, as ``path: N lines``."""
    sizes = ((path, len(_source(path)[0].splitlines())) for path in python_files(root))
    return [f"{path.relative_to(root)}: {n} lines" for path, n in sizes if n > limit]


def long_functions(root: Path, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions and methods over ``limit`` lines (docstring included, decorators not)."""
    found: list[str] = []
    for path in python_files(root):
        for node in ast.walk(_source(path)[1]):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > limit:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name}: {length} lines")
    return found


# --------------------------------------------------------------------------- the real source


def test_the_checkers_see_the_real_source() -> None:
    """The solver's own CP-SAT import is found, so an empty report means something."""
    tree = Tree.read(SRC)
    targets = {
        i.target for path in python_files(SRC / "shootplan" / "solver") for i in imports_in(tree, path)
    }
    assert any(_within(target, "ortools") for target in targets)


def test_imports_follow_the_layers() -> None:
    """No package imports one it must not (docs/architecture.md, "Packages")."""
    offenders = import_violations(SRC)
    assert not offenders, "\n".join(offenders)


def test_os_replace_lives_in_the_one_atomic_writer() -> None:
    """Every file write goes through io/_files.py, the only module that calls os.replace."""
    modules = os_replace_modules(SRC)
    assert modules == ["shootplan/io/_files.py"], "\n".join(modules)


def test_no_module_is_over_600_lines() -> None:
    """A newcomer reads any module in one sitting."""
    offenders = long_modules(SRC)
    assert not offenders, "\n".join(offenders)


def test_no_function_is_over_80_lines() -> None:
    """Every function fits on a screen or two; the offenders are listed."""
    offenders = long_functions(SRC)
    assert not offenders, "\n".join(offenders)


# --------------------------------------------------------------------------- the checkers can fail


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """A fake ``shootplan`` source tree: the given modules, with every package's ``__init__``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for parent in path.relative_to(root).parents:
            init = root / parent / "__init__.py"
            if parent != Path(".") and not init.exists():
                init.write_text("", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("module", "source", "target"),
    [
        ("shootplan/solver/bad.py", "from ..io import read_production\n", "shootplan.io"),
        ("shootplan/solver/bad.py", "from .. import io\n", "shootplan.io"),
        ("shootplan/solver/bad.py", "import shootplan.io.excel\n", "shootplan.io.excel"),
        ("shootplan/replanning/bad.py", "from shootplan.cli import main\n", "shootplan.cli"),
        ("shootplan/solver/bad.py", "from shootplan.replanning import replan\n", "shootplan.replanning"),
        ("shootplan/io/bad.py", "import ortools\n", "ortools"),
        ("shootplan/io/bad.py", "from ortools.sat.python import cp_model\n", "ortools.sat.python"),
        ("shootplan/io/bad.py", "def f():\n    from ..solver import solve\n", "shootplan.solver"),
        ("shootplan/model.py", "from shootplan import solver\n", "shootplan.solver"),
        ("shootplan/model.py", "from . import solve\n", "shootplan.solver"),  # re-exported
        ("shootplan/timeline.py", "from .io.excel import write_excel\n", "shootplan.io.excel"),
        ("shootplan/reports.py", "from shootplan.cli import main\n", "shootplan.cli"),
    ],
)
def test_a_forbidden_import_is_reported(tmp_path: Path, module: str, source: str, target: str) -> None:
    """Absolute, relative, ``from . import x``, in-function and re-exported imports all count."""
    root = write_tree(
        tmp_path,
        {
            "shootplan/__init__.py": "from shootplan.solver import solve as solve\n",
            "shootplan/io/excel.py": "",
            "shootplan/solver/__init__.py": "def solve(): ...\n",
            "shootplan/replanning/__init__.py": "",
            "shootplan/cli/__init__.py": "",
            module: source,
        },
    )
    problems = import_violations(root)
    assert problems, f"{module} importing {target} passed"
    assert all(p.startswith(f"{module}:") and f" imports {target} (" in p for p in problems), problems


def test_allowed_imports_are_not_reported(tmp_path: Path) -> None:
    """The layering permits these: solver uses ortools and the core, cli uses everything."""
    root = write_tree(
        tmp_path,
        {
            "shootplan/model.py": "from .errors import ProductionError\nimport pydantic\n",
            "shootplan/errors.py": "",
            "shootplan/solver/solve.py": "from ortools.sat.python import cp_model\nfrom ..model import x\n",
            "shootplan/replanning/core.py": "from shootplan.solver.solve import solve\n",
            "shootplan/io/excel.py": "from shootplan.reports import one_liner\nfrom .. import model\n",
            "shootplan/cli/main.py": "from ..io import excel\nfrom shootplan.cli import errors\n",
            "shootplan/cli/errors.py": "from . import main\n",
        },
    )
    assert import_violations(root) == []


def test_type_checking_imports_are_ignored(tmp_path: Path) -> None:
    """An import only for annotations does not run, so it breaks no layer; its else branch does."""
    root = write_tree(
        tmp_path,
        {
            "shootplan/io/excel.py": "",
            "shootplan/solver/solve.py": (
                "from typing import TYPE_CHECKING\nimport typing\n"
                "if TYPE_CHECKING:\n    from shootplan.io import excel\n"
                "if typing.TYPE_CHECKING:\n    from ..io import excel\n"
                "else:\n    from ..io import excel\n"
            ),
        },
    )
    assert import_violations(root) == [
        "shootplan/solver/solve.py:8 imports shootplan.io.excel "
        "(solver/ and replanning/ open no files and know no command line)"
    ]


def test_os_replace_elsewhere_is_reported(tmp_path: Path) -> None:
    """A second module renaming files itself, by ``os.replace`` or ``from os import replace``."""
    root = write_tree(
        tmp_path,
        {
            "shootplan/io/_files.py": "import os\nos.replace('a', 'b')\n",
            "shootplan/io/excel.py": "import os\n\ndef save():\n    os.replace('a', 'b')\n",
            "shootplan/cli/plan.py": "from os import path, replace\n",
            "shootplan/model.py": "text.replace('a', 'b')\n",
        },
    )
    assert os_replace_modules(root) == [
        "shootplan/cli/plan.py",
        "shootplan/io/_files.py",
        "shootplan/io/excel.py",
    ]


def test_long_modules_and_functions_are_reported(tmp_path: Path) -> None:
    """A 601-line module and an 81-line function are over; 600 and 80 are not."""
    fits = "def fits():\n" + "    x = 1\n" * 79
    over = "class C:\n    @staticmethod\n    def over():\n" + "        x = 1\n" * 80
    root = write_tree(
        tmp_path,
        {
            "shootplan/long.py": "x = 1\n" * 601,
            "shootplan/fits.py": "x = 1\n" * 600,
            "shootplan/funcs.py": fits + over,
        },
    )
    assert long_modules(root) == ["shootplan/long.py: 601 lines"]
    assert long_functions(root) == ["shootplan/funcs.py:83 over: 81 lines"]
