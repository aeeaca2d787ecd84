"""The frozen job declarations (spec.json, written by `rdh spec --json`) the algorithms are built from.

The QGIS process never imports the engine: everything the plugin knows about a job — its
parameters, their types, defaults, bounds, help in English and French, its outputs — comes from
this file. `make spec` refreshes it; tests/test_jobs.py fails when it is stale.
"""
import json
from pathlib import Path

from ..i18n import tr

SPEC_PATH = Path(__file__).resolve().parents[1] / "spec.json"
#: The checkout (or installed plugin) root: relative defaults such as sample_data/... resolve against it.
ROOT = Path(__file__).resolve().parents[2]


def load_spec(path=None):
    """The spec as a dict: ``{"spec_version": 1, "jobs": {name: declaration}}``."""
    return json.loads(Path(path or SPEC_PATH).read_text(encoding="utf-8"))


def language():
    """The language of the plugin's installed translation (it follows QGIS's): ``fr`` or ``en``, the
    two the spec has. The French translation translates this language code."""
    return "fr" if tr("en") == "fr" else "en"


def localized(item, key, lang=None):
    """``item[key_fr]`` or ``item[key_en]`` in the plugin's language (English when French is empty)."""
    lang = lang or language()
    return item.get(f"{key}_{lang}") or item.get(f"{key}_en") or ""


def output_declarations(job):
    """The job's outputs as ``{"name", "kind"}`` dicts (the spec lists names, or dicts with a kind)."""
    return [item if isinstance(item, dict) else {"name": item, "kind": ""} for item in job.get("outputs", [])]


def resolved_default(value):
    """A default path relative to the toolkit (``sample_data/real/roads.gpkg``) as an absolute path
    when it exists there, else None: QGIS's working folder is not the toolkit's."""
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = ROOT / path
    return str(path) if path.exists() else None
