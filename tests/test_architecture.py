"""The house rules of docs/architecture.md, read from the code itself.

Every module under site/ is parsed (not imported) and every import in it is
collected, at any depth: inside functions and methods too, since an import
hidden in a function is still a dependency, only a later-failing one. Two
rules follow:

- the apps depend on each other in one direction, core ← home ← buildings ←
  map ← news: an app imports only from apps before it (itpark, which wires
  everything together, may import any app; no app imports itpark);
- no cycle between modules, whichever apps they belong to.

If this fails, the next engineer can no longer change a lower part without
reading every higher one, and a moved import breaks start-up.
"""

import ast
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent.parent / "site"
# The parts, lowest first: each may import only from those before it.
LAYERS = ("core", "home", "buildings", "residents", "applications", "map", "news")
WIRING = "itpark"


def module_name(path):
    relative = path.relative_to(SITE).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    """{module name: path} for every Python module under site/, migrations aside (they name apps as data)."""
    return {
        module_name(path): path
        for path in sorted(SITE.rglob("*.py"))
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    }


def imported_names(path, module):
    """Every module name `path` imports, at any depth, relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module
            names.add(prefix)
            # `from map import projection` imports the module map.projection when there is one.
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return names


def import_graph():
    """{module: {project modules it imports}}."""
    modules = project_modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(path, module):
            # The longest project module that the name is, or lies inside.
            parts = name.split(".")
            for length in range(len(parts), 0, -1):
                candidate = ".".join(parts[:length])
                if candidate in modules:
                    if candidate != module:
                        targets.add(candidate)
                    break
        graph[module] = targets
    return graph


def top(module):
    return module.split(".")[0]


def forbidden_imports(graph):
    """(importer, imported) pairs that point the wrong way between the parts."""
    wrong = []
    for module, targets in graph.items():
        for target in targets:
            source_app, target_app = top(module), top(target)
            if source_app in (target_app, WIRING):
                continue
            if target_app == WIRING:
                wrong.append((module, target))
            elif source_app in LAYERS and target_app in LAYERS:
                if LAYERS.index(target_app) > LAYERS.index(source_app):
                    wrong.append((module, target))
            else:
                wrong.append((module, target))  # a part not in the order: place it in LAYERS first
    return sorted(wrong)


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan's algorithm), each sorted."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_every_app_is_placed_in_the_order():
    """A new app must be given its place in the dependency order before it can be checked."""
    apps = {top(module) for module in project_modules()} - {WIRING, "manage"}
    assert apps <= set(LAYERS), f"place these apps in LAYERS and docs/architecture.md: {sorted(apps - set(LAYERS))}"


def test_imports_point_down_the_layers():
    """core knows no app, buildings knows no map or news...: imports at any depth, functions included."""
    wrong = forbidden_imports(import_graph())
    assert wrong == [], (
        "imports against the order "
        + " ← ".join(LAYERS)
        + ":\n"
        + "\n".join(f"  {source} imports {target}" for source, target in wrong)
    )


def test_no_import_cycle():
    """No set of modules imports itself round in a circle (it breaks start-up as soon as one import moves)."""
    found = cycles(import_graph())
    assert found == [], "import cycles:\n" + "\n".join("  " + " ↔ ".join(group) for group in found)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    """The checker itself: a cycle it cannot see would let the house decay unnoticed."""
    assert cycles(graph) == expected


def test_the_direction_check_sees_hidden_imports(tmp_path):
    """An import inside a function counts as much as one at the top of the module."""
    source = tmp_path / "models.py"
    source.write_text("def f():\n    from map.models import MapFeature\n    import news.feeds\n")
    assert {"map.models", "map.models.MapFeature", "news.feeds"} <= imported_names(source, "buildings.models")
    assert forbidden_imports({"buildings.models": {"map.models"}, "map.models": {"buildings.models"}}) == [
        ("buildings.models", "map.models")
    ]
