"""The engine is a plain library: no qgis, PyQt or plugin imports anywhere under engine/."""
import ast
import subprocess
import sys

import pytest

FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "sip", "rdh_qgis_plugin")
# At run time `rdh` may load the plugin's QGIS-side commands through their entry points (they import
# QGIS only when a command runs), so only QGIS and Qt themselves are forbidden there.
FORBIDDEN_AT_RUNTIME = ("qgis", "PyQt5", "PyQt6", "sip")


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_engine_module_imports_qgis_or_qt(repo):
    offenders = []
    for path in sorted((repo / "engine").rglob("*.py")):
        for module in imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(repo)}: {module}")
    assert not offenders, "engine/ must not import QGIS/Qt/plugin:\n" + "\n".join(offenders)


def test_the_walk_catches_forbidden_imports():
    tree = ast.parse("import os\nfrom qgis.core import QgsProject\nimport PyQt5.QtCore as q\n")
    assert [m for m in imported_modules(tree) if m.split(".")[0] in FORBIDDEN] == ["qgis.core", "PyQt5.QtCore"]


@pytest.mark.parametrize("module", ["rdh_engine", "rdh_engine.io", "rdh_engine.cli"])
def test_importing_the_engine_loads_no_qgis(module):
    code = (f"import sys, {module}; "
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN_AT_RUNTIME!r});"
            " print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_engine_installs_under_a_distinctive_name():
    import sysconfig
    from pathlib import Path

    import rdh_engine

    site = Path(sysconfig.get_path("purelib"))
    assert Path(rdh_engine.__file__).parent == site / "rdh_engine"
    assert not (site / "engine").exists(), "a bare `engine` package in site-packages would clash in QGIS"
