"""A job parameter of the spec as a Processing parameter, and a Processing value back as a job value.

One mapping for every job (docs/jobs.md lists the spec's types):

| spec type | Processing parameter |
|---|---|
| vector | feature source (any geometry; a project layer, a selection, a model output or a file) |
| table | feature source (with or without geometry) |
| vector / raster, repeatable | multiple layers |
| raster | raster layer |
| file, folder | file (file or folder behaviour) |
| output_file, output_folder | file / folder destination |
| int, float | number (bounds from the spec) |
| bool, enum, date | boolean, enum (the spec's choices as values), date |
| string | string (one value per line when repeatable) |

The Processing name is the spec name in capitals (``n_boot`` -> ``N_BOOT``); the spec's declaration
travels in the definition's metadata (``rdh``). Rare options (``advanced``) are advanced parameters.
"""
import re

from qgis.core import (
    Qgis, QgsProcessingParameterBoolean, QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition, QgsProcessingParameterEnum, QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile, QgsProcessingParameterFileDestination, QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)

from .spec import localized, resolved_default

# The enum scopes of QGIS 3.40 (the tested minimum), which QGIS 4 keeps.
ADVANCED = Qgis.ProcessingParameterFlag.Advanced
NUMBER = Qgis.ProcessingNumberParameterType
DATE = Qgis.ProcessingDateTimeParameterDataType
FILE_BEHAVIOR = Qgis.ProcessingFileParameterBehavior
METADATA_KEY = "rdh"
# File formats named in a parameter's help, in the order they appear there (the first is the default
# extension of a destination): used when the spec gives no "extensions" of its own.
FORMATS = (("gpkg", r"GeoPackage|\.gpkg\b", "GeoPackage"), ("tif", r"GeoTIFF|\.tiff?\b", "GeoTIFF"),
           ("pdf", r"\bPDF\b|\.pdf\b", "PDF"), ("png", r"\bPNG\b|\.png\b", "PNG"), ("svg", r"\bSVG\b", "SVG"),
           ("qgz", r"\.qgz\b", "QGIS project"), ("qpt", r"\.qpt\b", "QGIS layout template"),
           ("toml", r"\bTOML\b", "TOML"), ("json", r"\.json\b|\bJSON\b(?<!GeoJSON)", "JSON"),
           ("csv", r"\bCSV\b|\.csv\b", "CSV"))


def processing_name(param):
    """``n_boot`` -> ``N_BOOT``."""
    return param["name"].upper()


def label(param, lang=None):
    """The first sentence of the help, with the unit: what the dialog shows beside the widget."""
    text = help_text(param, lang)
    first = re.split(r"\.\s+(?=[A-Z])|\n", text, maxsplit=1)[0].rstrip(".")
    return f"{first} [{param['unit']}]" if param.get("unit") else first


def help_text(param, lang=None):
    """The help in the plugin's language (``%%`` is click's escape for ``%``)."""
    return localized(param, "help", lang).strip().replace("%%", "%")


def extensions(param):
    """File extensions a file parameter takes or writes: the spec's own, else the formats its help names."""
    if param.get("extensions"):
        return list(param["extensions"])
    text = param.get("help_en", "")
    found = [(match.start(), ext) for ext, pattern, _ in FORMATS for match in [re.search(pattern, text)] if match]
    return [ext for _, ext in sorted(found)]


def file_filter(param):
    names = {ext: name for ext, _, name in FORMATS}
    return ";;".join(f"{names.get(ext, ext.upper())} (*.{ext})" for ext in extensions(param))


def definition(param, lang=None):
    """The Processing parameter of one spec parameter (see the module's table)."""
    made = _build(param, processing_name(param), label(param, lang), not param["required"])
    made.setHelp(help_text(param, lang))
    if param.get("advanced"):
        made.setFlags(made.flags() | ADVANCED)
    made.setMetadata({**made.metadata(), METADATA_KEY: param})
    return made


def _build(param, name, text, optional):  # noqa: C901  (one branch per type of the closed set)
    kind, default, multiple = param["type"], param.get("default"), param.get("multiple")
    if kind in ("vector", "table", "raster") and multiple:
        layer_type = Qgis.ProcessingSourceType.Raster if kind == "raster" else Qgis.ProcessingSourceType.Vector
        return QgsProcessingParameterMultipleLayers(name, text, layer_type, optional=optional)
    if kind in ("vector", "table"):
        types = [Qgis.ProcessingSourceType.VectorAnyGeometry if kind == "vector"
                 else Qgis.ProcessingSourceType.Vector]
        return QgsProcessingParameterFeatureSource(name, text, types, resolved_default(default), optional)
    if kind == "raster":
        return QgsProcessingParameterRasterLayer(name, text, resolved_default(default), optional)
    if kind in ("file", "folder"):
        behavior = FILE_BEHAVIOR.File if kind == "file" else FILE_BEHAVIOR.Folder
        return QgsProcessingParameterFile(name, text, behavior, defaultValue=resolved_default(default),
                                          optional=optional, fileFilter=file_filter(param) if kind == "file" else "")
    # A destination the engine would otherwise write to a default path relative to its working folder
    # (`out`) is a temporary one unless the user chooses; other optional ones are off by default.
    create = not optional or default is not None
    if kind == "output_file":
        return QgsProcessingParameterFileDestination(name, text, file_filter(param), optional=optional,
                                                     createByDefault=create)
    if kind == "output_folder":
        return QgsProcessingParameterFolderDestination(name, text, optional=optional, createByDefault=create)
    if kind in ("int", "float") and param.get("nargs", 1) == 1:
        return _number(param, name, text, optional)
    if kind == "bool":
        return QgsProcessingParameterBoolean(name, text, bool(default), optional)
    if kind == "enum":
        made = QgsProcessingParameterEnum(name, text, list(param["choices"]), bool(multiple), default, optional)
        made.setUsesStaticStrings(True)  # values are the choices themselves, as in the CLI and job files
        return made
    if kind == "date":
        return QgsProcessingParameterDateTime(name, text, DATE.Date, default, optional)
    # strings, and numbers taken several at once (--bounds minx miny maxx maxy): typed as text
    text_default = " ".join(map(str, default)) if isinstance(default, list) else default
    return QgsProcessingParameterString(name, text, text_default, bool(multiple), optional)


def _number(param, name, text, optional):
    integer = param["type"] == "int"
    low, high = param.get("min"), param.get("max")
    if integer and low is not None and param.get("min_open"):
        low += 1
    if integer and high is not None and param.get("max_open"):
        high -= 1
    made = QgsProcessingParameterNumber(name, text, NUMBER.Integer if integer else NUMBER.Double,
                                        param.get("default"), optional)
    if low is not None:
        made.setMinimum(low)
    if high is not None:
        made.setMaximum(high)
    return made


def spec_of(definition_):
    """The spec declaration a Processing parameter was made from (None for others)."""
    return definition_.metadata().get(METADATA_KEY)


def bound_problem(param, value):
    """Why a number breaks an open bound, which Processing cannot express (None when it does not)."""
    if param["type"] != "float" or value is None:
        return None
    if param.get("min_open") and param.get("min") is not None and value <= param["min"]:
        return f"> {param['min']:g}"
    if param.get("max_open") and param.get("max") is not None and value >= param["max"]:
        return f"< {param['max']:g}"
    return None
