"""The architecture holds: layers only point down, and no function is too long to read.

Layers (an import anywhere in a module counts, including inside functions and
`importlib.import_module("...")` with a literal name):

* `libs/contracts` imports nothing of the project;
* `libs/extraction` and `libs/runtime` import only `libs/contracts`;
* `libs/*` never imports `services/*` or `app/*`;
* a service never imports another service, nor `app/*`;
* nothing of `libs/`, `services/` or `app/` imports `tests/` or `benchmarks/`.

Function length: no function or method in `libs/`, `services/` or `app/` is longer
than 80 lines (Alembic migrations aside).

Errors: every exception class the product defines derives from
`libs.contracts.errors.AccordError` (through its package's root).
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRODUCT = ("app", "libs", "services")
PROJECT = (*PRODUCT, "tests", "benchmarks")
MAX_FUNCTION_LINES = 80

#: Functions over the limit that other branches are splitting right now (none).
KNOWN_LONG: set[str] = set()
#: Exception classes outside the AccordError tree that other branches are re-rooting right now (none).
KNOWN_UNROOTED: set[str] = set()


def python_files(*roots: str) -> Iterator[Path]:
    for root in roots:
        yield from sorted((REPO / root).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports (relative imports resolved), at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return {m for m in found if m.split(".")[0] in PROJECT}


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in ("import_module", "__import__")


def layer(module: str) -> str:
    """`libs.runtime`, `services.store`, `app`, `tests`, ... (the unit the rules speak of)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] in ("libs", "services") and len(parts) > 1 else parts[0]


def violation(importer: str, imported: str) -> str | None:
    """Why `importer` may not import `imported`, or None."""
    src, dst = layer(importer), layer(imported)
    if src == dst or imported in ("libs", "services"):
        return None
    if dst in ("tests", "benchmarks"):
        return "product code never imports tests or benchmarks"
    if src == "libs.contracts":
        return "libs/contracts imports nothing of the project"
    if src in ("libs.extraction", "libs.runtime") and dst != "libs.contracts":
        return f"{src.replace('.', '/')} imports only libs/contracts"
    if src.startswith("libs") and (dst.startswith("services") or dst == "app"):
        return "libs/* never imports services/* or app/*"
    if src.startswith("services") and (dst.startswith("services") or dst == "app"):
        return "a service never imports another service or app/*"
    return None


def test_layers_only_point_down() -> None:
    problems = []
    for path in python_files(*PRODUCT):
        importer = module_name(path)
        for imported in sorted(imported_modules(path)):
            why = violation(importer, imported)
            if why:
                problems.append(f"{path.relative_to(REPO)} imports {imported}: {why}")
    assert problems == [], "\n".join(problems)


def test_the_rules_catch_what_they_forbid() -> None:
    assert violation("libs.runtime.loop", "services.store.sink")
    assert violation("libs.runtime.loop", "libs.extraction")
    assert violation("libs.contracts.events", "libs.runtime.errors")
    assert violation("libs.infra.broker", "app.up.stack")
    assert violation("services.fetcher.pipeline", "services.store.persist")
    assert violation("services.store.sink", "tests.store.factories")
    assert violation("libs.runtime.loop", "libs.contracts.records") is None
    assert violation("services.store.sink", "libs.runtime.consumer") is None
    assert violation("app.up.reconcile", "services.fetcher.ledger") is None


def long_functions() -> Iterator[tuple[str, int]]:
    for path in python_files(*PRODUCT):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(REPO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    yield f"{rel}:{node.name}", lines


def test_no_function_is_longer_than_80_lines() -> None:
    offenders = dict(long_functions())
    unexpected = {name: n for name, n in offenders.items() if name not in KNOWN_LONG}
    listing = "\n".join(f"{name}: {n} lines" for name, n in sorted(offenders.items()))
    assert unexpected == {}, f"functions over {MAX_FUNCTION_LINES} lines (all offenders):\n{listing}"


def test_every_exception_derives_from_accord_error() -> None:
    from libs.contracts.errors import AccordError

    unrooted = []
    for path in python_files(*PRODUCT):
        if "migrations" in path.parts:
            continue
        module = importlib.import_module(module_name(path))
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                if not issubclass(obj, AccordError) and f"{module.__name__}.{name}" not in KNOWN_UNROOTED:
                    unrooted.append(f"{module.__name__}.{name}")
    assert unrooted == [], f"not under AccordError: {unrooted}"
