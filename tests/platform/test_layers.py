"""The house's floors (STYLE.md practice 1): platform < members < discussions < instruments <
home < wiring. Every import in every non-test module points down or sideways, and the
instruments' imports of each other form no cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("network", "members", "projects", "events", "home")

# The floor of each package (longest prefix wins); the network package's own root is wiring.
FLOORS = {
    "network.platform": 0,
    "members": 1,
    "network.discussions": 2,
    "network.desk": 2,
    "network.agenda": 3,
    "network.gaps": 3,
    "network.library": 3,
    "network.countries": 3,
    "network.decisions": 3,
    "network.catalogue": 3,
    "network.groups": 3,
    "projects": 3,
    "events": 3,
    "home": 4,
    "network.digests": 4,
    "network": 5,
}
INSTRUMENTS = {name for name, floor in FLOORS.items() if floor == 3}


def owner(module: str) -> str | None:
    best = None
    for name in FLOORS:
        if (module == name or module.startswith(name + ".")) and len(name) > len(best or ""):
            best = name
    return best


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            yield name, path


def imports(name: str, path: Path):
    """(line, imported module) for every import, deferred ones in functions included."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from network import cache` names a module, not an attribute of a package: the
            # most specific floor of module.name decides.
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"


def edges():
    for name, path in modules():
        source = owner(name)
        for line, target_module in imports(name, path):
            target = owner(target_module)
            if target and target != source:
                yield path.relative_to(ROOT), line, source, target, target_module


def test_no_import_points_up_a_floor():
    upward = sorted(
        {
            f"{path}:{line} imports {module} ({source} is floor {FLOORS[source]}, "
            f"{target} is floor {FLOORS[target]})"
            for path, line, source, target, module in edges()
            if FLOORS[target] > FLOORS[source] and not module.startswith(source + ".")
        }
    )
    assert upward == [], "imports that point up the floors:\n" + "\n".join(upward)


def test_instruments_import_each_other_without_cycles():
    graph: dict[str, set[str]] = {name: set() for name in INSTRUMENTS}
    where: dict[tuple[str, str], str] = {}
    for path, line, source, target, _module in edges():
        if source in INSTRUMENTS and target in INSTRUMENTS:
            graph[source].add(target)
            where.setdefault((source, target), f"{path}:{line}")
    cycles = sorted(
        f"{a} -> {b} ({where[a, b]}) and back ({where[b, a]})"
        for a in graph
        for b in graph[a]
        if a < b and a in graph[b]
    )
    assert cycles == [], "instruments that import each other both ways:\n" + "\n".join(cycles)
