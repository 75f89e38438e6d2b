"""network/platform is the bottom floor: it imports no app above it (STYLE.md practice 1)."""

import ast
from pathlib import Path

import network.platform

ABOVE = ("members", "projects", "events", "home", "network")


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_platform_imports_nothing_above_it():
    root = Path(network.platform.__file__).parent
    upward = [
        (path.name, module)
        for path in sorted(root.rglob("*.py"))
        for module in _imports(path)
        if module.split(".")[0] in ABOVE and not module.startswith("network.platform")
    ]
    assert upward == []
