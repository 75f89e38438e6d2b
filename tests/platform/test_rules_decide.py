"""Who may do what is decided in the apps' rules.py (issue 14, point 6 and 7): selectors,
services, views, forms and the API ask has_perm or a manager, never `user.is_staff` directly.
The secretariat's extra reach has a named permission, so a change to who the secretariat is
(or a second factor) is made in one place."""

import ast

from tests.platform.test_layers import modules

# The modules that decide what a person sees or may do.
DECIDING = {"selectors", "services", "views", "forms", "api", "api_register"}

# (module, function): where is_staff is part of a cache key, not a decision.
KEY_PARTS = {("network.desk.selectors", "_stamp")}


def _staff_reads(path):
    """(line, function) of every `<something>.is_staff` in the file."""
    tree = ast.parse(path.read_text(), str(path))
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and node.attr == "is_staff":
                    yield node.lineno, function.name


def test_no_selector_service_view_or_form_decides_on_is_staff():
    found = [
        f"{path}:{line} in {function}()"
        for name, path in modules()
        if DECIDING & set(name.split("."))
        for line, function in sorted(set(_staff_reads(path)))
        if (name, function) not in KEY_PARTS
    ]
    assert found == [], "ask has_perm with a permission named in rules.py:\n" + "\n".join(found)


def test_the_key_part_allowed_is_still_there():
    """The one exception names a real function: the list cannot quietly go stale."""
    seen = {
        (name, function)
        for name, path in modules()
        if DECIDING & set(name.split("."))
        for _line, function in _staff_reads(path)
    }
    assert seen >= KEY_PARTS
