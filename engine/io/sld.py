"""SLD 1.1 / SE 1.1 styles next to the house QML: naming, a structural check and a comparison.

The official OGC XSDs (schemas.opengis.net) are not shipped by any Debian or PyPI package we can
install offline, so ``check_structure`` checks the parts of the SLD 1.1.0 / SE 1.1.0 schemas that
QGIS's export uses (element order inside a Rule, namespaces, SvgParameter names, colour syntax).
``compare`` says what an SLD keeps of its QML: the classes (one rule each), their labels and
colours must survive; everything else it reports is a documented loss (docs/styles.md).
"""
import re
from pathlib import Path
import xml.etree.ElementTree as ET

NS = {"sld": "http://www.opengis.net/sld", "se": "http://www.opengis.net/se", "ogc": "http://www.opengis.net/ogc"}
SE = "{%s}" % NS["se"]
SLD = "{%s}" % NS["sld"]
OGC = "{%s}" % NS["ogc"]
# SE 1.1 Rule content model, in order (se:RuleType).
RULE_SEQUENCE = ["Name", "Description", "LegendGraphic", "Filter", "ElseFilter", "MinScaleDenominator",
                 "MaxScaleDenominator"]
SYMBOLIZERS = ("PointSymbolizer", "LineSymbolizer", "PolygonSymbolizer", "TextSymbolizer", "RasterSymbolizer")
SVG_PARAMETERS = {"fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width", "stroke-linejoin",
                  "stroke-linecap", "stroke-dasharray", "stroke-dashoffset", "font-family", "font-style",
                  "font-weight", "font-size"}
STANDARD_MARKS = {"square", "circle", "triangle", "star", "cross", "x"}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def rename(sld_text, layer_name):
    """The SLD with its NamedLayer and UserStyle named ``layer_name`` (servers match on it)."""
    ET.register_namespace("", NS["sld"])
    for prefix, uri in (("se", NS["se"]), ("ogc", NS["ogc"]), ("xlink", "http://www.w3.org/1999/xlink"),
                        ("xsi", "http://www.w3.org/2001/XMLSchema-instance")):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(sld_text)
    for path in ("sld:NamedLayer/se:Name", "sld:NamedLayer/sld:UserStyle/se:Name"):
        for el in root.findall(path, NS):
            el.text = layer_name
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def check_structure(sld_text):
    """Problems with an SLD 1.1.0 document's structure (an empty list means it passes)."""
    problems = []
    try:
        root = ET.fromstring(sld_text)
    except ET.ParseError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != SLD + "StyledLayerDescriptor":
        problems.append(f"root is {root.tag}, not sld:StyledLayerDescriptor")
    version = root.get("version")
    if version not in ("1.1.0", "1.0.0"):
        problems.append(f"version is {version!r}, not '1.1.0' (or '1.0.0' for rasters)")
    # SE 1.1 elements live in the se namespace; SLD 1.0 (QGIS's raster export) keeps them in sld.
    ns = "se" if version == "1.1.0" else "sld"
    layers = root.findall("sld:NamedLayer", NS) + (root.findall("sld:UserLayer", NS) if ns == "sld" else [])
    if not layers:
        problems.append("no sld:NamedLayer")
    for layer in layers:
        if layer.tag == SLD + "NamedLayer" and not layer.findtext(f"{ns}:Name", "", NS):
            problems.append(f"sld:NamedLayer without {ns}:Name")
        styles = layer.findall("sld:UserStyle", NS)
        if not styles:
            problems.append("sld:NamedLayer without sld:UserStyle")
        for style in styles:
            fts = style.findall(f"{ns}:FeatureTypeStyle", NS)
            if not fts:
                problems.append(f"sld:UserStyle without {ns}:FeatureTypeStyle")
            for rule in (r for f in fts for r in f.findall(f"{ns}:Rule", NS)):
                problems += _check_rule(rule, ns)
    return problems


def _check_rule(rule, ns="se"):
    name = (rule.findtext(f"{ns}:Name", "", NS) or "?")[:40]
    problems = []
    children = [_local(c.tag) for c in rule]
    symbolizers = [c for c in children if c in SYMBOLIZERS]
    if not symbolizers:
        problems.append(f"rule {name!r}: no symbolizer")
    head = [c for c in children if c not in SYMBOLIZERS]
    first_symbolizer = next((i for i, c in enumerate(children) if c in SYMBOLIZERS), len(children))
    if any(c not in RULE_SEQUENCE for c in head) or any(c not in SYMBOLIZERS for c in children[first_symbolizer:]):
        problems.append(f"rule {name!r}: unexpected element order {children}")
    order = [RULE_SEQUENCE.index(c) for c in head if c in RULE_SEQUENCE]
    if order != sorted(order):
        problems.append(f"rule {name!r}: elements out of SE order {head}")
    for child in rule:
        if _local(child.tag) in ("Filter", "ElseFilter") and not child.tag.startswith(OGC):
            problems.append(f"rule {name!r}: Filter outside the ogc namespace")
    for param in rule.iter(SE + "SvgParameter"):
        key = param.get("name")
        if key not in SVG_PARAMETERS:
            problems.append(f"rule {name!r}: unknown SvgParameter {key!r}")
        if key in ("fill", "stroke") and not _HEX.match((param.text or "").strip()):
            problems.append(f"rule {name!r}: {key} {param.text!r} is not #rrggbb")
    for entry in rule.iter(SLD + "ColorMapEntry"):
        if not _HEX.match(entry.get("color", "")) or entry.get("quantity") is None:
            problems.append(f"rule {name!r}: ColorMapEntry needs a #rrggbb color and a quantity")
    return problems


def _local(tag):
    return tag.rsplit("}", 1)[-1]


# --- what a QML says and what its SLD keeps ---------------------------------------------------------

def qml_classes(qml_text):
    """One dict per legend class of a QML style: label, colour, size (mm), shape, dashed."""
    root = ET.fromstring(qml_text)
    renderer = root.find("renderer-v2")
    if renderer is None:
        return _qml_raster_classes(root)
    symbols = {s.get("name"): s for s in renderer.find("symbols").findall("symbol")}
    kind = renderer.get("type")
    if kind == "categorizedSymbol":
        entries = [(c.get("label"), c.get("symbol")) for c in renderer.find("categories")]
    elif kind == "RuleRenderer":
        entries = [(r.get("label"), r.get("symbol")) for r in renderer.find("rules").iter("rule")
                   if r.get("symbol") is not None]
    elif kind == "singleSymbol":
        entries = [("", "0")]
    else:
        raise ValueError(f"renderer {kind!r} is not compared")
    return [_qml_symbol(label, symbols[key]) for label, key in entries]


def _qml_raster_classes(root):
    shader = root.find("pipe/rasterrenderer//colorrampshader")
    if shader is None:
        raise ValueError("raster style without a colour ramp is not compared")
    return [{"label": item.get("label"), "type": "raster", "color": item.get("color").lower(),
             "alpha": int(item.get("alpha", 255)), "size": None, "shape": None, "dashed": False,
             "outline_width": None, "value": float(item.get("value"))} for item in shader.findall("item")]


def _qml_symbol(label, symbol):
    props = {o.get("name"): o.get("value") for o in symbol.find("layer").find("Option").findall("Option")}
    kind = symbol.get("type")
    if kind == "line":
        color, size = props.get("line_color"), props.get("line_width")
        dashed = props.get("line_style") not in (None, "solid")
    else:
        color, size, dashed = props.get("color"), props.get("size"), False
    if kind == "fill" and props.get("style") not in (None, "solid"):
        color = None  # hatched: the pattern colour is what shows, compared separately
    return {"label": label, "type": kind, "color": _rgba_to_hex(color), "alpha": _rgba_alpha(color),
            "size": float(size) if size else None, "shape": props.get("name") if kind == "marker" else None,
            "dashed": dashed, "outline_width": props.get("outline_width")}


def _rgba_to_hex(value):
    if not value:
        return None
    r, g, b = (int(v) for v in value.split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _rgba_alpha(value):
    return int(value.split(",")[3]) if value and value.count(",") >= 3 else 255


def sld_classes(sld_text):
    """One dict per SLD rule that draws geometry (label rules are left out)."""
    root = ET.fromstring(sld_text)
    entries = list(root.iter(SLD + "ColorMapEntry"))
    if entries:
        return [{"label": e.get("label"), "symbolizer": "RasterSymbolizer", "color": e.get("color"),
                 "opacity": e.get("opacity"), "size": None, "shape": None, "dashed": False, "stroke_width": None,
                 "graphic_fill": False, "value": float(e.get("quantity"))} for e in entries]
    out = []
    for rule in root.iter(SE + "Rule"):
        symbolizer = next((c for c in rule if _local(c.tag) in SYMBOLIZERS[:3]), None)
        if symbolizer is None:
            continue
        params = {p.get("name"): (p.text or "").strip() for p in symbolizer.iter(SE + "SvgParameter")}
        kind = _local(symbolizer.tag)
        color = params.get("stroke") if kind == "LineSymbolizer" else params.get("fill")
        size = symbolizer.findtext(".//se:Size", None, NS) or params.get("stroke-width")
        out.append({"label": rule.findtext("se:Name", "", NS), "symbolizer": kind, "color": color,
                    "opacity": params.get("fill-opacity"), "size": float(size) if size else None,
                    "shape": symbolizer.findtext(".//se:WellKnownName", None, NS),
                    "dashed": "stroke-dasharray" in params, "stroke_width": params.get("stroke-width"),
                    "graphic_fill": symbolizer.find(".//se:GraphicFill", NS) is not None})
    return out


def compare(qml_text, sld_text):
    """``(essential, losses)``: essential = broken classes/labels/colours (must be empty);
    losses = what SLD renders differently (documented, not fatal)."""
    qml, sld = qml_classes(qml_text), sld_classes(sld_text)
    essential, losses = [], []
    if len(qml) != len(sld):
        return [f"{len(qml)} QML classes but {len(sld)} SLD rules"], losses
    for q, s in zip(qml, sld):
        where = q["label"] or "single symbol"
        if q["label"] and q["label"] != s["label"]:
            essential.append(f"{where}: label became {s['label']!r}")
        if q["color"] and q["color"] != (s["color"] or "").lower() and q["alpha"] > 0:
            essential.append(f"{where}: colour {q['color']} became {s['color']}")
        if q.get("value") is not None and q["value"] != s.get("value"):
            essential.append(f"{where}: ramp value {q['value']} became {s.get('value')}")
        if q["dashed"] and not s["dashed"]:
            essential.append(f"{where}: dashed line became solid")
        if q["shape"] and q["shape"] not in STANDARD_MARKS:
            losses.append(f"{where}: marker '{q['shape']}' is not a standard SE mark (other servers may draw a square)")
        if s["graphic_fill"]:
            losses.append(f"{where}: hatched fill exported as a GraphicFill with a QGIS-specific mark")
    sizes = [(q["size"], s["size"]) for q, s in zip(qml, sld) if q["size"] is not None and s["size"] is not None]
    if len({q for q, _ in sizes}) > len({s for _, s in sizes}):
        losses.append("sizes/widths in mm are rounded to whole pixels: "
                      + ", ".join(f"{q:g} mm→{s:g} px" for q, s in sorted(set(sizes))))
    outlines = [(q["outline_width"], s["stroke_width"]) for q, s in zip(qml, sld) if q["outline_width"]]
    if len({q for q, _ in outlines}) > len({s for _, s in outlines}):
        losses.append("outline widths collapse to the same pixel width: "
                      + ", ".join(f"{q} mm→{s} px" for q, s in sorted(set(outlines))))
    if qml and qml[0]["type"] == "raster":
        losses.append("raster style exported as SLD 1.0.0 (UserLayer, unnamed): servers must attach it to the "
                      "coverage by name themselves")
    if "<labeling" in qml_text and 'labelsEnabled="1"' in qml_text and "TextSymbolizer" not in sld_text:
        losses.append("labels not exported")
    return essential, losses


def losses_markdown(styles_dir):
    """A Markdown table of what each house style's SLD loses (for docs/styles.md)."""
    rows = ["| style | classes | what the SLD loses |", "|---|---|---|"]
    for qml in sorted(Path(styles_dir).glob("*.qml")):
        qml_text = qml.read_text(encoding="utf-8")
        essential, losses = compare(qml_text, qml.with_suffix(".sld").read_text(encoding="utf-8"))
        found = essential + losses
        rows.append(f"| `{qml.stem}` | {len(qml_classes(qml_text))} | "
                    + ("; ".join(dict.fromkeys(found)) if found else "nothing we check") + " |")
    return "\n".join(rows) + "\n"


__all__ = ["check_structure", "compare", "losses_markdown", "qml_classes", "rename", "sld_classes"]
