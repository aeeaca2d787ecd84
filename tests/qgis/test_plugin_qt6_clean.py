"""Qt 6 / QGIS 4 readiness of the plugin's source, checked statically (QGIS 4 is not installable here):
Qt only through qgis.PyQt, and the enum scopes that QGIS 3.40 does not deprecate."""
import re
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "rdh_qgis_plugin"
SOURCES = sorted(p for p in PLUGIN.rglob("*.py") if "__pycache__" not in p.parts)
# Deprecated in 3.40 in favour of the Qgis.* scopes (see the QGIS 3.36-3.40 API changes), or unscoped.
DEPRECATED = {
    r"QgsProcessingParameterNumber\.(Type\.)?(Integer|Double)\b": "Qgis.ProcessingNumberParameterType",
    r"QgsProcessing\.(SourceType\.)?Type[A-Z]\w*": "Qgis.ProcessingSourceType",
    r"QgsProcessingAlgorithm\.(Flag\.)?Flag[A-Z]\w*": "Qgis.ProcessingAlgorithmFlag",
    r"QgsProcessingParameterDefinition\.(Flag\.)?Flag[A-Z]\w*": "Qgis.ProcessingParameterFlag",
    r"QgsProcessingParameterFile\.(Behavior\.)?(File|Folder)\b": "Qgis.ProcessingFileParameterBehavior",
    r"QgsProcessingParameterField\.(DataType\.)?(Any|Numeric|String|DateTime)\b": "Qgis.ProcessingFieldParameterDataType",
    r"\bQgis\.(Info|Warning|Critical|Success)\b": "Qgis.MessageLevel",
    r"\bQt\.(Align(Left|Right|HCenter|VCenter|Center|Top|Bottom)|Checked|Unchecked|UserRole|DisplayRole|Horizontal|Vertical|\w+DockWidgetArea)\b": "scoped Qt enums",
}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PLUGIN)))
def test_plugin_source_is_qt6_clean(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import)\s+PyQt[56]", text, re.M), "import Qt through qgis.PyQt"
    found = [f"{m.group(0)} -> {scope}" for pattern, scope in DEPRECATED.items() for m in re.finditer(pattern, text)]
    assert not found, found
