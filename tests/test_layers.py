"""The import graph: plugin -> engine analyses -> io/network/raster/publish -> errors/provenance.

No engine module imports a package of a higher layer (even inside a function), no engine modules
import each other in a cycle at import time, and no engine module names a plugin module.
"""
import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENGINE = REPO / "engine"

# Layer of each top-level part of the engine; a module may import its own layer and the ones below.
LAYERS = {
    "": 0, "errors": 0,                                        # rdh_engine itself (__version__), the errors
    "provenance": 1, "catalogue": 1, "catalogue_outputs": 1, "jobs": 1, "_heap": 1,  # records, declarations
    "io": 2, "network": 2, "raster": 2, "publish": 2,          # readers/writers, the cores, protection
    "corridors": 3, "poe": 3, "transhumance_routes": 3, "sample": 3,  # analyses
    "cli": 4,                                                  # the command line
}


def module_name(path):
    parts = list(path.relative_to(ENGINE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(["rdh_engine", *parts])


MODULES = {module_name(p): p for p in ENGINE.rglob("*.py")}


def engine_imports(path, *, top_level_only):
    """Engine modules imported by ``path`` (relative imports resolved)."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in (tree.body if top_level_only else ast.walk(tree)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            target = ".".join(base + (node.module.split(".") if node.module else []))
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                yield candidate if candidate in MODULES else target
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rdh_engine"):
            yield node.module


def layer(module):
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else ""]


def test_every_engine_package_has_a_layer():
    assert {m.split(".")[1] for m in MODULES if "." in m} <= set(LAYERS)


def test_no_engine_module_imports_a_higher_layer():
    offenders = [f"{m} -> {t}" for m, p in MODULES.items() for t in engine_imports(p, top_level_only=False)
                 if layer(t) > layer(m)]
    assert not offenders, "imports against the layering:\n" + "\n".join(sorted(offenders))


def test_no_import_cycle_between_engine_modules():
    graph = {m: {t for t in engine_imports(p, top_level_only=True) if t in MODULES and t != m}
             for m, p in MODULES.items()}
    state, cycle = {}, []

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycle.extend(path[path.index(nxt):] + [nxt])
                return True
            if nxt not in state and visit(nxt, path + [nxt]):
                return True
        state[node] = "done"
        return False

    for start in sorted(graph):
        if start not in state and visit(start, [start]):
            break
    assert not cycle, " -> ".join(cycle)


def test_no_engine_module_names_a_plugin_module():
    offenders = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                      and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                    and "rdh_qgis_plugin." in node.value:
                offenders.append(f"{name}: {node.value!r}")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                offenders += [f"{name}: import {n}" for n in names if n.startswith("rdh_qgis_plugin")]
    assert not offenders, "\n".join(offenders)


def test_the_walk_sees_relative_and_function_level_imports():
    path = ENGINE / "cli" / "validate.py"  # imports the validator inside its run function
    assert "rdh_engine.io.validation" in set(engine_imports(path, top_level_only=False))
    assert "rdh_engine.io.validation" not in set(engine_imports(path, top_level_only=True))
    assert "rdh_engine.jobs.tools" in set(engine_imports(path, top_level_only=True))
