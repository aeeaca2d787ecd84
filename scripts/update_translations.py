"""Refresh the plugin's translation sources and compile them: `make translations`.

1. Collect every string literal passed to `tr(...)` in rdh_qgis_plugin/**/*.py (Python's ast, so
   implicit concatenation and line breaks are handled; pylupdate5 would file plain `tr()` calls under
   the enclosing class instead of the plugin's one context).
2. Merge them into rdh_qgis_plugin/i18n/rdh_<lang>.ts: known translations are kept, new strings are
   added as "unfinished" (translate them in Qt Linguist or a text editor), strings no longer in the
   code are dropped. English translations are the source text.
3. Compile each .ts into the .qm that the plugin loads, with `lrelease` (Debian: qttools5-dev-tools).

The .ts and .qm are committed; tests/qgis/test_plugin_i18n.py fails when either is out of date.
"""
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = REPO / "rdh_qgis_plugin"
I18N = PLUGIN / "i18n"
CONTEXT = "RdhPlugin"
LANGUAGES = {"en": "en_GB", "fr": "fr_FR"}


def source_strings(root=PLUGIN):
    """The literal texts of `tr("...")` calls under `root`, in first-seen order, without duplicates."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, None)
    return list(found)


def read_ts(path):
    """{source: (translation, finished)} of the plugin's context in a .ts file (empty if none)."""
    if not path.exists():
        return {}
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            messages[message.findtext("source")] = (translation.text or "", finished)
    return messages


def write_ts(path, language, sources, known):
    root = ET.Element("TS", version="2.1", language=LANGUAGES[language], sourcelanguage="en")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sources:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        if language == "en":
            translation.text = source
        elif source in known and known[source][0]:
            translation.text, finished = known[source]
            if not finished:
                translation.set("type", "unfinished")
        else:
            translation.set("type", "unfinished")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def lrelease():
    for name in ("lrelease", "/usr/lib/qt5/bin/lrelease"):
        if shutil.which(name):
            return shutil.which(name)
    sys.exit("lrelease not found: apt-get install qttools5-dev-tools")


def main():
    sources = source_strings()
    for language in LANGUAGES:
        ts = I18N / f"rdh_{language}.ts"
        write_ts(ts, language, sources, read_ts(ts))
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    missing = [s for s, (text, done) in read_ts(I18N / "rdh_fr.ts").items() if not (text and done)]
    print(f"{len(sources)} strings; French still to translate: {len(missing)}")
    for text in missing:
        print(f"  {text!r}")


if __name__ == "__main__":
    main()
