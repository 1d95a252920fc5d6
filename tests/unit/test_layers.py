"""Layers point one way (STYLE.md): no import cycles among eventatlas modules, and no lower layer
importing a higher one. Imports are read from the source (ast), module-level and function-level
(a lazy import inside a function is still a dependency, and hides a cycle rather than removing it)."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "eventatlas"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted((SRC / PACKAGE).rglob("*.py"))}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The deepest eventatlas module ``name`` names (``eventatlas.a.b.func`` -> ``eventatlas.a.b``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@lru_cache(maxsize=1)
def import_graph() -> dict[str, frozenset[str]]:
    """module -> the eventatlas modules it imports, anywhere in its source."""
    modules = _modules()
    graph: dict[str, frozenset[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".")
                    base = base if is_package else base[:-1]
                    base = base[:len(base) - (node.level - 1)]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # "from pkg import sub" imports the submodule; "from mod import func" the module
                targets = [f"{module}.{a.name}" for a in node.names]
            for target in targets:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    resolved = _resolve(target, modules)
                    if resolved and resolved != name:
                        edges.add(resolved)
        graph[name] = frozenset(edges)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _ignoring_own_packages(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package's ``__init__`` re-exporting its own submodules is no cycle: Python loads the package
    first whatever imports a submodule. Edges from a submodule up to its own package are dropped."""
    return {m: {t for t in edges if not m.startswith(t + ".")} for m, edges in graph.items()}


def test_the_graph_sees_imports():
    graph = import_graph()
    assert "eventatlas.textfold" in graph["eventatlas.nlp.lexicon"]
    assert "eventatlas.geodesy" in graph["eventatlas.dedup"]
    assert len(graph) > 60


def test_finds_a_cycle_when_there_is_one():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    cycles = find_cycles(_ignoring_own_packages(import_graph()))
    assert cycles == [], "import cycles (module-level or inside functions): " + "; ".join(" <-> ".join(c) for c in cycles)


# A module of the layer on the left never imports one of the packages on the right.
FORBIDDEN = [
    ("eventatlas.model", ("eventatlas.nlp", "eventatlas.store", "eventatlas.batch", "eventatlas.api",
                          "eventatlas.eval", "eventatlas.learn", "eventatlas.ingest", "eventatlas.pipeline_run")),
    # the shared helpers (one of each) depend on nothing of eventatlas but its error catalogue
    *((helper, ("eventatlas.",)) for helper in ("eventatlas.textfold", "eventatlas.geodesy", "eventatlas.taxonomy",
                                                "eventatlas.datasplit", "eventatlas.metrics")),
    ("eventatlas.ingest", ("eventatlas.nlp", "eventatlas.extract", "eventatlas.store", "eventatlas.batch",
                           "eventatlas.api", "eventatlas.eval", "eventatlas.learn", "eventatlas.pipeline_run")),
    ("eventatlas.nlp", ("eventatlas.store", "eventatlas.api", "eventatlas.eval", "eventatlas.learn",
                        "eventatlas.batch", "eventatlas.export", "eventatlas.pipeline_run", "eventatlas.cli")),
    ("eventatlas.assemble", ("eventatlas.store", "eventatlas.api", "eventatlas.eval", "eventatlas.batch",
                             "eventatlas.pipeline_run")),
    ("eventatlas.classify", ("eventatlas.store", "eventatlas.api", "eventatlas.eval", "eventatlas.batch",
                             "eventatlas.pipeline_run")),
    ("eventatlas.extract", ("eventatlas.store", "eventatlas.api", "eventatlas.eval", "eventatlas.batch",
                            "eventatlas.pipeline_run")),
    ("eventatlas.learn", ("eventatlas.eval", "eventatlas.store", "eventatlas.api", "eventatlas.batch",
                          "eventatlas.pipeline_run")),
    ("eventatlas.dedup", ("eventatlas.store", "eventatlas.api", "eventatlas.batch", "eventatlas.pipeline_run")),
    ("eventatlas.batch", ("eventatlas.store", "eventatlas.api", "eventatlas.eval", "eventatlas.pipeline_run")),
    ("eventatlas.store", ("eventatlas.batch", "eventatlas.api", "eventatlas.eval", "eventatlas.pipeline_run")),
]
#: The store commands' CLI wiring calls the run (pipeline_run); it is the CLI layer, kept beside the store.
CLI_WIRING = {"eventatlas.store.commands"}


def _in(module: str, prefix: str) -> bool:
    if prefix == "eventatlas.":
        return module.startswith(prefix) and module != "eventatlas.errors"
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("lower, higher", FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_lower_layers_never_import_higher_ones(lower, higher):
    graph = import_graph()
    bad = sorted(f"{m} -> {t}" for m, edges in graph.items() if _in(m, lower) and m not in CLI_WIRING
                 for t in edges if any(_in(t, h) for h in higher) and not _in(t, lower))
    assert bad == []
