"""The core's shape: no import cycles, one engine."""

import ast
import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "hopfield_core"


def _imports(path: Path) -> set[str]:
    """Core modules imported by a module, at top level or inside functions."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                out.add(node.module.split(".")[0])
            elif node.level == 1:
                out.update(a.name for a in node.names)
            elif node.module and node.module.startswith("hopfield_core."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names
                       if a.name.startswith("hopfield_core."))
    return out


def test_no_import_cycle_in_the_core():
    graph = {p.stem: _imports(p) & {q.stem for q in CORE.glob("*.py")}
             for p in CORE.glob("*.py") if p.stem != "__init__"}
    graph = {k: {v for v in vs if v != "__init__"} for k, vs in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, f"import cycles: {cycles}"
    assert "engine" in graph and graph["engine"] <= {"trajectory"}


def test_one_engine():
    """Only hopfield_core/engine.py implements sweeps and defines the tie."""
    hits = []
    for p in CORE.glob("*.py"):
        for i, line in enumerate(p.read_text().splitlines(), 1):
            if re.search(r"def _.*async|_TIE|TIE_RTOL\s*=|def _?sweep", line):
                hits.append(f"{p.name}:{i}")
    assert hits and all(h.startswith("engine.py:") for h in hits), hits


def test_modules_stay_small():
    """About 400 lines per module; the engine and the dense kernels are one idea each."""
    big = {p.name: len(p.read_text().splitlines()) for p in CORE.glob("*.py")}
    allowed = {"engine.py": 1200, "dense.py": 700, "patterns.py": 700, "explain.py": 500}
    over = {k: v for k, v in big.items() if v > allowed.get(k, 420)}
    assert not over, over
