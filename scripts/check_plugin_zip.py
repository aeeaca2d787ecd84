"""Check a plugin zip the way plugins.qgis.org's upload validator does (qgis/QGIS-Django,
qgis-app/plugins/validator.py), so a release is not refused at upload time.

Checked: size <= 25 MB; the zip opens and passes its CRC test; no path information (``..``,
absolute names), no ``.pyc``, no ``__MACOSX``/``.git``/``__pycache__`` folder; one top-level folder
whose name starts with an ASCII letter and holds only letters, digits, ``-`` and ``_``; that folder
holds ``__init__.py``, ``metadata.txt`` (a ``[general]`` section) and ``LICENSE``; the mandatory
metadata (name, description, version, qgisMinimumVersion, author, email, about, tracker,
repository) are there and not empty; tracker, repository and homepage are http(s) URLs with a host
and not the template's placeholders; the author has no slash; the icon named in the metadata is
in the zip. Not checked here (no internet): that the URLs answer.

`python scripts/check_plugin_zip.py out/rdh_qgis_plugin-*.zip` prints the problems and exits 1 if
there are any.
"""
import configparser
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

MAX_BYTES = 25_000_000
REQUIRED = ("name", "description", "version", "qgisMinimumVersion", "author", "email", "about", "tracker",
            "repository")
PLACEHOLDER_URLS = {"tracker": "http://bugs", "repository": "http://repo", "homepage": "http://homepage"}
FORBIDDEN_DIRS = ("__MACOSX", ".git", "__pycache__")


def problems(zip_path):
    """Everything plugins.qgis.org would refuse in ``zip_path`` (an empty list when it would accept it)."""
    zip_path = Path(zip_path)
    if zip_path.stat().st_size > MAX_BYTES:
        return [f"file is too big ({zip_path.stat().st_size} bytes > {MAX_BYTES})"]
    try:
        archive = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        return ["could not unzip the file"]
    with archive:
        names = archive.namelist()
        found = [f"path information in {name!r}" for name in names if ".." in name or name.startswith("/")]
        found += [f".pyc file {name!r}" for name in names if ".pyc" in name]
        found += [f"forbidden folder {part!r} in {name!r}" for name in names for part in name.split("/")[:-1]
                  if part in FORBIDDEN_DIRS]
        bad = archive.testzip()
        if bad:
            found.append(f"bad zip (CRC error) on {bad}")
        tops = sorted({name.split("/")[0] for name in names})
        if not names or "/" not in names[0]:
            return found + ["no folder inside the zip"]
        if len(tops) > 1:
            found.append(f"several top-level folders: {', '.join(tops)}")
        package = names[0].split("/")[0]
        if not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", package):
            found.append(f"top-level folder name {package!r} is not ASCII letters, digits, - and _")
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if f"{package}/{required}" not in names:
                found.append(f"{package}/{required} is missing")
        if f"{package}/metadata.txt" not in names:
            return found
        parser = configparser.ConfigParser()
        parser.optionxform = str
        try:
            parser.read_string(archive.read(f"{package}/metadata.txt").decode("utf-8"))
        except (configparser.Error, UnicodeDecodeError) as exc:
            return found + [f"metadata.txt does not parse: {exc}"]
        if not parser.has_section("general"):
            return found + ["metadata.txt has no [general] section"]
        meta = dict(parser.items("general"))
        found += [f"metadata {key} is missing or empty" for key in REQUIRED if not meta.get(key, "").strip()]
        for key, placeholder in PLACEHOLDER_URLS.items():
            url = meta.get(key, "").strip()
            if key == "homepage" and not url:
                continue
            parsed = urlparse(url)
            if url == placeholder or parsed.scheme not in ("http", "https") or not parsed.netloc:
                found.append(f"metadata {key} is not a valid URL: {url!r}")
        if "/" in meta.get("author", ""):
            found.append("author contains a slash")
        icon = meta.get("icon", "").removeprefix("./")
        if icon and f"{package}/{icon}" not in names:
            found.append(f"icon {icon!r} is not in the zip")
    return found


def main(argv=None):
    paths = (argv if argv is not None else sys.argv[1:])
    if not paths:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    failed = False
    for path in paths:
        found = problems(path)
        failed = failed or bool(found)
        print(f"{path}: " + ("OK" if not found else "\n  " + "\n  ".join(found)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
