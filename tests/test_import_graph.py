"""The seams between server packages hold: read from the source with `ast`, every import counted, those inside
functions too (a lazy import is still a dependency, only a hidden one).

- the shared ground (the modules directly in server/ that are no domain) imports no domain package;
- no two packages import each other (a package is a first-level folder of server/: aid, accounts, events, ...);
- no two modules import each other, directly or round a longer cycle.

Where a generic piece meets a domain, the generic piece offers a registry and the domain fills it at start-up
(`sync/registry.py`, `media/readers.py`, `accounts/hooks.py`).
"""
import ast
from pathlib import Path

SERVER = Path(__file__).resolve().parent.parent / "server"

# Modules directly in server/ that wire domains together rather than sit under them: the app factory registers
# every domain's blueprints and start-up hooks, and the flask commands call domain services. Every other module
# directly in server/ is shared ground (errors, db, extensions, inputs, security, clock, pii, roles, printing, ...).
WIRING = {"server", "server.cli"}

# Imports that still close a module cycle, left out of the check until what is named removes them.
ALLOWED_MODULE_CYCLES: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(SERVER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SERVER.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The server modules `name` imports anywhere in its body (the most specific module each import names)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                # `from .pkg import name`: the module pkg.name if there is one, else pkg itself.
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    edges = set()
    for target in found:
        while target and target not in known:  # `import server.x.y` names a module; an attribute's owner else
            target = target.rpartition(".")[0]
        if target and target != name:
            edges.add(target)
    return edges


def graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _package(module: str) -> str | None:
    """The first-level package under server/ a module belongs to (None for the modules directly in server/)."""
    parts = module.split(".")
    if len(parts) >= 2 and (SERVER / parts[1]).is_dir():
        return parts[1]
    return None


def _groups(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of two or more nodes (Tarjan; the graph is small, recursion is fine)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, as a path back to its start: the shortest one through each node that is on one
    (a cycle found from two of its nodes is given once)."""
    found: dict[frozenset[str], list[str]] = {}
    for group in _groups(edges):
        for start in sorted(group):
            cycle = _shortest_cycle(start, group, edges)
            found.setdefault(frozenset(cycle), cycle)
    return sorted(found.values())


def _shortest_cycle(start: str, group: set[str], edges: dict[str, set[str]]) -> list[str]:
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(edges[node] & group):
            if nxt == start:
                return paths[node] + [start]
            if nxt not in paths:
                paths[nxt] = paths[node] + [nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle through {start} in {group}")


def test_the_graph_sees_imports_inside_functions_and_relative_ones():
    edges = graph()
    assert "server.errors" in edges["server.media.routes"]
    assert "server.sync.registry" in edges["server.events.offline"]
    assert "server.events.offline" in edges["server"]  # imported inside create_app


def test_the_shared_ground_imports_no_domain():
    edges = graph()
    ground = [m for m in edges if _package(m) is None and m not in WIRING]
    assert "server.errors" in ground and "server.db" in ground
    wrong = {m: sorted(t for t in edges[m] if _package(t)) for m in ground}
    assert {m: t for m, t in wrong.items() if t} == {}


def test_no_two_packages_import_each_other():
    edges = graph()
    packages: dict[str, set[str]] = {}
    for module, targets in edges.items():
        own = _package(module)
        if own:
            packages.setdefault(own, set()).update(p for t in targets if (p := _package(t)) and p != own)
    assert {"aid", "accounts", "events", "media", "sync"} <= set(packages)
    assert [" -> ".join(c) for c in _cycles(packages)] == []


def test_no_two_modules_import_each_other():
    edges = graph()
    for pair in ALLOWED_MODULE_CYCLES:
        a, b = sorted(pair)
        assert b in edges.get(a, ()) and a in edges.get(b, ()), f"{a} and {b} no longer import each other: " \
                                                                "take them off ALLOWED_MODULE_CYCLES"
        edges[a].discard(b)
        edges[b].discard(a)
    assert [" -> ".join(c) for c in _cycles(edges)] == []


def test_the_cycle_finder_finds_a_cycle_through_three():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c", "a"]]
