"""server/aid/ is layered: the ground (its own modules) imports no sub-package, and each sub-package imports only
the layers below it, so there is no circle and no arrow running back up (issue 19, item 2)."""
import ast
from pathlib import Path

AID = Path(__file__).resolve().parents[1] / "server" / "aid"
# What each part of server/aid may import of aid's own (besides itself).
MAY_IMPORT = {
    "": set(),
    "cases": {""},
    "inbox": {"", "cases"},
    "intake": {"", "cases"},
    "tracking": {"", "cases", "intake"},
}


def _part(module: str) -> str:
    """'server.aid.cases.view' -> 'cases'; 'server.aid.models' -> '' (the ground)."""
    rest = module.removeprefix("server.aid").lstrip(".").split(".")
    return rest[0] if len(rest) > 1 and rest[0] in MAY_IMPORT else ""


def _imports(path: Path) -> set[str]:
    """Every server.aid module `path` imports, at the top or inside a function."""
    package = "server." + ".".join(path.relative_to(AID.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{module}.{alias.name}" for alias in node.names] if node.module is None or node.level else []
            found |= {m for m in [module, *names] if m.startswith("server.aid")}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("server.aid")}
    return found


def test_every_part_of_aid_imports_only_the_layers_below_it():
    wrong = []
    for path in sorted(AID.rglob("*.py")):
        here = _part("server." + ".".join(path.relative_to(AID.parent).with_suffix("").parts))
        for module in _imports(path):
            there = _part(module)
            if there != here and there not in MAY_IMPORT[here]:
                wrong.append(f"{path.relative_to(AID)} imports {module}")
    assert not wrong, wrong


def test_the_sub_areas_are_all_known():
    """A new sub-package of aid gets its place in the layers above before it is used."""
    assert {p.name for p in AID.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(MAY_IMPORT) - {""}
