"""Build the installable QGIS plugin zip: `make plugin-zip` -> out/rdh_qgis_plugin-<version>.zip,
and with --repo a plugin repository (`make plugin-repo` -> out/plugin-repo/plugins.xml + the zip).

The zip holds one folder, rdh_qgis_plugin/, as QGIS's "Install from ZIP" expects: the plugin's code
and data files (metadata.txt, icon), the LICENSE, and the engine as a wheel in wheels/ (built with
`pip wheel --no-deps .`), which the plugin's engine installer (installer.py) installs into a private
Python environment. Left out: tests, caches and translation sources (.ts; the compiled .qm go in).
Entries are sorted and time-stamped with the commit date (or 1980), and the wheel is built with
SOURCE_DATE_EPOCH from a clean copy of the sources, so the same tree gives the same zip.

plugins.xml follows the format of QGIS's plugin repositories (what plugins.qgis.org serves and
QGIS's plugin installer reads): the hub serves it beside the zip from its geoportal, and users add
its URL under Plugins > Manage and Install Plugins > Settings > Plugin repositories.
"""
import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

REPO = Path(__file__).resolve().parents[1]
PLUGIN = "rdh_qgis_plugin"
METADATA = REPO / PLUGIN / "metadata.txt"
SKIP_DIRS = {"__pycache__", "tests", "test", ".pytest_cache", "wheels"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp"}
EXTRA_FILES = {"LICENSE": REPO / "LICENSE"}
# What the engine wheel is built from (copied to a clean folder first: no stale build/ leftovers).
WHEEL_SOURCES = ("engine", "styles", PLUGIN, "setup.py", "pyproject.toml", "README.md", "LICENSE")


def read_metadata(metadata=METADATA):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive (qgisMinimumVersion)
    parser.read(metadata, encoding="utf-8")
    return dict(parser["general"])


def metadata_version(metadata=METADATA):
    return read_metadata(metadata)["version"]


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


def source_epoch():
    """SOURCE_DATE_EPOCH, else the last commit's date, else 1980-01-01 (zip's earliest date)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
        epoch = result.stdout.strip() if result.returncode == 0 else ""
    return max(int(epoch) if epoch else 0, 315532800)


def source_date():
    """Zip timestamps (UTC) of source_epoch()."""
    return time.gmtime(source_epoch())[:6]


def build_engine_wheel(work_dir, epoch):
    """`pip wheel --no-deps` of a clean copy of the sources; returns the wheel's path."""
    src = Path(work_dir) / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "wheels", ".*")
    for name in WHEEL_SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(Path(work_dir) / "dist"), str(src)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"building the engine wheel failed:\n{result.stdout}{result.stderr}")
    return next((Path(work_dir) / "dist").glob("rdh_toolkit-*.whl"))


def build(output_dir):
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = output_dir / f"{PLUGIN}-{metadata_version()}.zip"
    partial = target.with_suffix(".zip.part")
    date = source_date()
    with tempfile.TemporaryDirectory(prefix="rdh-plugin-zip-") as work:
        wheel = build_engine_wheel(work, source_epoch())
        files = plugin_files() + [(f"wheels/{wheel.name}", wheel)]
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in sorted(files):
                info = zipfile.ZipInfo(f"{PLUGIN}/{name}", date_time=date)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
                archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


def plugins_xml(zip_path, *, download_url):
    """A QGIS plugin repository listing (plugins.xml) for one plugin zip."""
    meta = read_metadata()
    fields = [("description", meta["description"]), ("about", meta.get("about", "")),
              ("version", meta["version"]), ("qgis_minimum_version", meta["qgisMinimumVersion"]),
              ("qgis_maximum_version", meta.get("qgisMaximumVersion", "")), ("homepage", meta.get("homepage", "")),
              ("file_name", Path(zip_path).name), ("icon", meta.get("icon", "")),
              ("author_name", meta["author"]), ("download_url", download_url),
              ("uploaded_by", meta["author"]), ("experimental", meta.get("experimental", "False")),
              ("deprecated", meta.get("deprecated", "False")), ("tracker", meta.get("tracker", "")),
              ("repository", meta.get("repository", "")), ("tags", meta.get("tags", "")),
              ("server", meta.get("server", "False"))]
    body = "".join(f"    <{key}>{escape(value)}</{key}>\n" for key, value in fields)
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plugins>\n"
            f"  <pyqgis_plugin name={quoteattr(meta['name'])} version={quoteattr(meta['version'])} "
            f"plugin_id={quoteattr(PLUGIN)}>\n{body}  </pyqgis_plugin>\n</plugins>\n")


def build_repo(repo_dir, *, base_url=None):
    """The zip and plugins.xml in ``repo_dir``; download URLs under ``base_url`` (default: the folder as
    a file:// URL, which QGIS's installer also reads)."""
    repo_dir = Path(repo_dir).resolve()
    # QGIS's installer takes the plugin's id from the file name up to its first dot, so the
    # repository's copy is named <id>.<version>.zip (as plugins.qgis.org names them).
    built = build(repo_dir)
    target = built.with_name(f"{PLUGIN}.{metadata_version()}.zip")
    built.replace(target)
    base = (base_url or repo_dir.as_uri()).rstrip("/")
    xml = repo_dir / "plugins.xml"
    xml.write_text(plugins_xml(target, download_url=f"{base}/{target.name}"), encoding="utf-8")
    return target, xml


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(REPO / "out"), help="folder for the zip (default: out)")
    parser.add_argument("--repo", action="store_true", help="also write plugins.xml (a plugin repository)")
    parser.add_argument("--base-url", help="with --repo: URL the folder is served at (default: file:// URL)")
    args = parser.parse_args(argv)
    if args.repo:
        target, xml = build_repo(args.output, base_url=args.base_url)
        print(f"Wrote {xml}")
    else:
        target = build(args.output)
    with zipfile.ZipFile(target) as archive:
        count = len(archive.namelist())
    print(f"Wrote {target} ({count} files, {target.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    sys.exit(main())
