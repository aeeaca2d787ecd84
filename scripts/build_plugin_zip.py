"""Build the installable QGIS plugin zip: `make plugin-zip` -> out/rdh_qgis_plugin-<version>.zip.

The zip holds one folder, rdh_qgis_plugin/, as QGIS's "Install from ZIP" expects: the plugin's code
and data files, with metadata.txt taken from the repository's top-level file (the plugin folder
only holds a symlink to it) and the LICENSE. Left out: tests, caches and translation sources (.ts;
the compiled .qm go in). Entries are sorted and time-stamped with the commit date (or 1980), so the
same tree gives the same zip.

The engine is NOT inside: it runs in its own Python environment (see engine_runner.py and
docs/plugin.md), which the plugin finds as the `rdh` command.
"""
import argparse
import configparser
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "rdh_qgis_plugin"
SKIP_DIRS = {"__pycache__", "tests", "test", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp"}
EXTRA_FILES = {"LICENSE": REPO / "LICENSE"}


def metadata_version(metadata=REPO / "metadata.txt"):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata, encoding="utf-8")
    return parser["general"]["version"]


def plugin_files(root=REPO / PLUGIN):
    """(path inside the plugin folder, real file) pairs, symlinks resolved, in a stable order."""
    files = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith(".") or path.suffix in SKIP_SUFFIXES:
                continue
            files.append((path.relative_to(root).as_posix(), path.resolve()))
    files.extend((name, path) for name, path in EXTRA_FILES.items() if path.exists())
    return files


def source_date():
    """Zip timestamps: SOURCE_DATE_EPOCH, else the last commit's date, else 1980-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
        epoch = result.stdout.strip() if result.returncode == 0 else ""
    stamp = time.gmtime(int(epoch)) if epoch else time.gmtime(315532800)
    return max(stamp[:6], (1980, 1, 1, 0, 0, 0))


def build(output_dir):
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{PLUGIN}-{metadata_version()}.zip"
    partial = target.with_suffix(".zip.part")
    date = source_date()
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in plugin_files():
            info = zipfile.ZipInfo(f"{PLUGIN}/{name}", date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(REPO / "out"), help="folder for the zip (default: out)")
    args = parser.parse_args(argv)
    target = build(args.output)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"Wrote {target} ({count} files, {target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    sys.exit(main())
