"""Atomic outputs: every file or folder the toolkit writes appears complete or not at all, and only
replaces what the toolkit itself wrote.

- A file is written to a unique temporary name beside its target (``.NAME.PID-RANDOM.rdh-part.SUFFIX``,
  created with the usual permissions, i.e. the umask), flushed to disk, then renamed over the target
  in one step. A folder (a publication bundle) is built beside its target and swapped in the same way
  (an atomic exchange on Linux), the previous one kept until the new one is complete.
- A lock file (``.NAME.rdh-lock``) held for the whole write makes a second run on the same output
  wait for the first (then fail clearly after ``RDH_LOCK_TIMEOUT_S`` seconds, default 600).
- An existing output is replaced only if the toolkit wrote it: a GeoPackage carrying an RDH
  provenance record, a folder holding an RDH ``bundle.json``, or a file listed with its SHA-256 in
  the folder's ``.rdh-outputs.json`` (recorded here after each write), a sample ``MANIFEST.json`` or
  a bundle's ``bundle.json``. Anything else is refused with :class:`OutputExistsError` unless the
  command was given ``--overwrite`` (:func:`allow_overwrite`).
- Failures while writing (full disk, read-only folder, a folder where a file should go) become
  :class:`OutputError` with one line saying what to do; the previous output is left intact.
"""
import contextlib
import contextvars
import ctypes
import ctypes.util
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import time
import uuid
from pathlib import Path

from ..errors import OutputError, OutputExistsError, ParameterError, RdhError

log = logging.getLogger(__name__)

REGISTRY = ".rdh-outputs.json"
PART = ".rdh-part"
LOCK = ".rdh-lock"
MANIFESTS = ("bundle.json", "MANIFEST.json")
PROVENANCE_MARK = b"RDH_PROVENANCE"
LOCK_TIMEOUT_S = float(os.environ.get("RDH_LOCK_TIMEOUT_S", 600))

_allowed = contextvars.ContextVar("rdh_overwrite_allowed", default=frozenset())

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_NAME_CHARS = 64


# --- names that become paths ------------------------------------------------------------------------

def check_name(name, *, option="--theme"):
    """``name`` if it is safe as one file or folder name on every system, else a ParameterError
    naming ``option``: no path separators, not ``.``/``..``, no control characters, not a reserved
    Windows name, at most 64 characters."""
    text = str(name)
    problem = None
    if not text.strip():
        problem = "is empty"
    elif len(text) > MAX_NAME_CHARS:
        problem = f"is longer than {MAX_NAME_CHARS} characters"
    elif text in (".", "..") or text.startswith("."):
        problem = "starts with a dot (hidden, or the folder itself)"
    elif re.search(r"[/\\:*?\"<>|]", text):
        problem = "contains a path separator or a character Windows forbids (/ \\ : * ? \" < > |)"
    elif any(ord(c) < 32 or ord(c) == 127 for c in text):
        problem = "contains a control character"
    elif text.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        problem = "is a reserved device name on Windows"
    elif text != text.strip() or text.endswith("."):
        problem = "starts or ends with a space, or ends with a dot"
    if problem:
        raise ParameterError(f"{option} {text!r} {problem}: use letters, digits, '_' or '-' "
                             f"(up to {MAX_NAME_CHARS} characters)")
    return text


# --- whose output is it ---------------------------------------------------------------------------

def file_sha256(path, chunk=1 << 20):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()


def _has_gpkg_provenance(path):
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            row = con.execute("SELECT count(*) FROM gpkg_metadata WHERE metadata LIKE ?",
                              (f"%{PROVENANCE_MARK.decode()}%",)).fetchone()
        return bool(row and row[0])
    except sqlite3.Error:
        return False


def _listed(path):
    """True when a registry or manifest beside ``path`` (or one folder up) lists it with its hash."""
    sha = None
    for folder in (path.parent, path.parent.parent):
        for name in (REGISTRY, *MANIFESTS):
            manifest = folder / name
            if not manifest.is_file():
                continue
            try:
                files = json.loads(manifest.read_text(encoding="utf-8")).get("files") or {}
            except (OSError, ValueError, AttributeError):
                continue
            expected = files.get(path.relative_to(folder).as_posix())
            if isinstance(expected, dict):
                expected = expected.get("sha256")
            expected = [expected] if isinstance(expected, str) else expected or []
            if expected:
                sha = sha or file_sha256(path)
                if sha in expected:
                    return True
    return False


def is_bundle_dir(path):
    manifest = Path(path) / "bundle.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8")).get("format", "")).startswith("rdh-")
    except (OSError, ValueError, AttributeError):
        return False


def is_ours(path):
    """True when the toolkit wrote ``path`` (a file or a bundle folder), as far as it can tell."""
    path = Path(path)
    if path.is_dir():
        return is_bundle_dir(path) or (path / REGISTRY).is_file()
    if not path.exists():
        return True
    if path.suffix.lower() == ".gpkg" and _has_gpkg_provenance(path):
        return True
    if path.name in MANIFESTS and _is_rdh_manifest(path):
        return True
    if path.suffix.lower() in (".tif", ".tiff") and _has_tiff_tag(path):
        return True
    if path.suffix.lower() == ".png" and PNG_MARK in _head(path):
        return True
    return _listed(path)


PNG_MARK = b"Software\x00RDH Toolkit"


def _head(path, size=4096):
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _has_tiff_tag(path):
    try:
        import rasterio

        with rasterio.open(path) as src:
            return "RDH_TOOLKIT" in src.tags()
    except Exception:  # noqa: BLE001 - not a readable GeoTIFF: not ours
        return False


def _is_rdh_manifest(path):
    """A bundle's bundle.json or the generated sample's MANIFEST.json."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and (str(data.get("format", "")).startswith("rdh-")
                                       or str(data.get("generator", "")).startswith("rdh "))


@contextlib.contextmanager
def allow_overwrite(paths):
    """Within the block, the outputs ``paths`` may replace files the toolkit did not write
    (what a command's ``--overwrite`` means)."""
    token = _allowed.set(_allowed.get() | {os.path.abspath(p) for p in paths})
    try:
        yield
    finally:
        _allowed.reset(token)


def claim_outputs(paths, *, overwrite=False, on_close=None):
    """What a writing command does before any work: check every output it will write (see
    :func:`check_output`) and, with ``overwrite``, allow them to replace files the toolkit did not
    write until ``on_close`` runs its callback (a click context's ``call_on_close``) or forever."""
    paths = [Path(p) for p in paths if p is not None]
    for path in paths:
        check_output(path, overwrite=overwrite)
    if overwrite:
        token = _allowed.set(_allowed.get() | {os.path.abspath(p) for p in paths})
        if on_close is not None:
            on_close(lambda: _allowed.reset(token))
    return paths


def check_output(path, *, overwrite=False, folder=False):
    """Fail early (before any work) when ``path`` cannot be written: it is a folder where a file is
    expected (or the reverse), its folder cannot be created or written, or it exists and the
    toolkit did not write it (unless ``overwrite``). Returns ``path``."""
    path = Path(path)
    if not folder and path.is_dir():
        raise OutputError(f"{path} is a folder: give a file name for the output (e.g. {path / ('out' + '.gpkg')})")
    if folder and path.exists() and not path.is_dir():
        raise OutputError(f"{path} is a file: give a folder name for the output")
    parent = _existing_parent(path)
    if not parent.is_dir():
        raise OutputError(f"cannot create the folder {path.parent}: {parent} is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write in {parent} (read-only or no permission): choose another output folder")
    if path.exists() and not overwrite and os.path.abspath(path) not in _allowed.get() and not is_ours(path):
        raise OutputExistsError(f"{path} exists and was not written by the RDH Toolkit: not replacing it "
                                f"(choose another output, or pass --overwrite to replace it)")
    return path


def _existing_parent(path):
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


# --- locks --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def output_lock(path, *, timeout_s=None):
    """Hold ``.NAME.rdh-lock`` beside ``path``: a second writer of the same output waits, then fails
    clearly. The lock dies with its process (kill -9 included)."""
    timeout_s = LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    lock = path.with_name(f".{path.name}{LOCK}")
    try:
        import fcntl
    except ImportError:  # Windows: an exclusive-create lock file
        fcntl = None
    deadline = time.monotonic() + timeout_s
    warned = False
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | (os.O_EXCL if fcntl is None else 0), 0o666)
        except FileExistsError:
            fd = None
        except OSError as exc:
            raise _output_error(exc, path) from None
        if fd is not None and fcntl is None:
            break
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                # The lock file may have been unlinked by the previous holder meanwhile: re-check.
                if os.path.exists(lock) and os.stat(lock).st_ino == os.fstat(fd).st_ino:
                    break
            except BlockingIOError:
                pass
            os.close(fd)
        if time.monotonic() > deadline:
            raise OutputError(f"{path} is being written by another rdh run (lock {lock}); wait for it to "
                              f"finish, or delete {lock} if no rdh is running")
        if not warned:
            log.warning("waiting for another rdh run writing %s", path)
            warned = True
        time.sleep(0.2)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _clean_stale_parts(path):
    """Temporary files or folders of ``path`` left by a killed run (we hold its lock: none is live)."""
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*{PART}*"):
        with contextlib.suppress(OSError):
            shutil.rmtree(stale) if stale.is_dir() and not stale.is_symlink() else stale.unlink()


def glob_escape(text):
    return re.sub(r"([*?\[])", r"[\1]", text)


# --- writing --------------------------------------------------------------------------------------

def _part_name(path):
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{PART}{path.suffix}")


def _output_error(exc, path):
    """One line saying what went wrong writing ``path`` and what to do."""
    path = Path(path)
    text = str(exc)
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT) or re.search(r"no space left|disk (is )?full|database or disk",
                                                         text, re.I):
        return OutputError(f"no space left on the device writing {path}: free some space and run again "
                           f"(the previous {path.name}, if any, is intact)")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or re.search(r"permission denied|read-only", text, re.I):
        return OutputError(f"cannot write {path} (read-only or no permission): choose another output folder")
    if code == errno.EISDIR:
        return OutputError(f"{path} is a folder: give a file name for the output")
    if code == errno.ENOTDIR:
        return OutputError(f"cannot create {path}: a file stands where a folder is needed in its path")
    if code == errno.ENAMETOOLONG:
        return OutputError(f"{path}: the file name is too long for this file system")
    return OutputError(f"could not write {path}: {text}")


def _fsync(path):
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


LOW_SPACE_BYTES = 1 << 20


def _is_write_failure(exc):
    """An error from the system or the GIS writers (GDAL, SQLite), not from the toolkit's own logic."""
    module = type(exc).__module__ or ""
    return isinstance(exc, OSError) or module.split(".")[0] in ("pyogrio", "rasterio", "sqlite3", "fiona") or \
        bool(re.search(r"no space left|disk (is )?full|read-only|permission denied", str(exc), re.I))


def _write_failure(exc, path):
    """The OutputError for a failed write: a full disk says so even when the writer's message does not."""
    try:
        low = shutil.disk_usage(_existing_parent(Path(path))).free < LOW_SPACE_BYTES
    except OSError:
        low = False
    if low:
        return _output_error(OSError(errno.ENOSPC, "no space left"), path)
    return _output_error(exc, path)


@contextlib.contextmanager
def _write_errors(path):
    """Turn a system or GIS-writer error raised while writing ``path`` into the toolkit's
    OutputError; the toolkit's own errors (they say what is wrong already) and others pass as they are."""
    try:
        yield
    except RdhError:
        raise
    except Exception as exc:
        if _is_write_failure(exc):
            raise _write_failure(exc, path) from exc
        raise


@contextlib.contextmanager
def atomic_file(path, *, record=True):
    """Yield a temporary path to write ``path``'s content to; on success it replaces ``path`` in one
    step (and is recorded as the toolkit's in the folder's registry), on failure it is removed and
    ``path`` is left as it was. Refuses to replace a file the toolkit did not write."""
    path = Path(path)
    check_output(path)
    with _parents_made(path), output_lock(path):
        check_output(path)  # again, now that nobody else writes it
        _clean_stale_parts(path)
        tmp = _part_name(path)
        try:
            with _write_errors(path):
                yield tmp
                if not tmp.exists():
                    raise OutputError(f"{path}: nothing was written")
                _fsync(tmp)
                sha = file_sha256(tmp) if record else None
                if record:  # listed before it replaces the old file: a kill in between leaves both listed
                    _record(path, sha, keep=True)
                os.replace(tmp, path)
                _fsync(path.parent)
                if record:
                    _record(path, sha)
        finally:
            _remove(tmp)


@contextlib.contextmanager
def _parents_made(path):
    """Create the missing folders above ``path``; remove them again (if still empty) on failure, so a
    failed command leaves nothing behind."""
    missing = []
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, path.parent) from None
    try:
        yield
    except BaseException:
        for folder in missing:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _remove(tmp):
    with contextlib.suppress(OSError):
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp)
        elif tmp.exists() or tmp.is_symlink():
            tmp.unlink()


def _record(path, sha, *, keep=False):
    """List ``path`` with the SHA-256 ``sha`` in its folder's registry (under the registry's own lock);
    ``keep``: also keep the hashes listed so far."""
    if PART in path.parent.as_posix():  # inside a folder being built: its own manifest records it
        return
    registry = path.parent / REGISTRY
    try:
        with output_lock(registry):
            try:
                data = json.loads(registry.read_text(encoding="utf-8"))
                data = data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None
            except (OSError, ValueError):
                data = None
            data = data or {"format": "rdh-outputs", "files": {}}
            files = {name: [v] if isinstance(v, str) else list(v) for name, v in data["files"].items()
                     if (path.parent / name).exists()}
            files[path.name] = (files.get(path.name, []) if keep else []) + [sha]
            data["files"] = files
            tmp = _part_name(registry)
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            os.replace(tmp, registry)
    except (OSError, OutputError) as exc:  # the output itself is complete; only its mark is missing
        log.warning("%s: could not record it as written by the toolkit (%s)", path, exc)


def write_text(path, text, *, encoding="utf-8", record=True):
    """``path`` with ``text`` as content, atomically."""
    with atomic_file(path, record=record) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


def write_bytes(path, data, *, record=True):
    with atomic_file(path, record=record) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_json(path, obj, *, indent=1, record=True, **dumps):
    return write_text(path, json.dumps(obj, indent=indent, ensure_ascii=False, **dumps) + "\n", record=record)


# --- folders --------------------------------------------------------------------------------------

def staging_dir(target):
    """A new empty folder beside ``target`` to build it in (permissions from the umask)."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _part_name(target)
        os.mkdir(staging)
    except OSError as exc:
        raise _output_error(exc, target) from None
    return staging


def _renameat2_exchange():
    """renameat2(RENAME_EXCHANGE) from the C library (Linux), or None."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        func = ctypes.CDLL(name, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return func


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def swap_dir(staging, target):
    """Make the complete folder ``staging`` become ``target``. An existing ``target`` is exchanged
    with it in one atomic step where the system allows (Linux), else moved aside first; the old
    folder is deleted only once the new one is in place."""
    staging, target = Path(staging), Path(target)
    _fsync(staging)
    if not target.exists():
        os.replace(staging, target)
        _fsync(target.parent)
        return
    exchange = _renameat2_exchange()
    if exchange is not None and exchange(_AT_FDCWD, os.fsencode(staging), _AT_FDCWD, os.fsencode(target),
                                         _RENAME_EXCHANGE) == 0:
        _fsync(target.parent)
        shutil.rmtree(staging, ignore_errors=True)  # now the previous folder
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}{PART}")
    os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def atomic_dir(target, *, overwrite=False):
    """Yield an empty staging folder to fill; on success it replaces the folder ``target`` (only if
    ``target`` is absent or one the toolkit wrote, unless ``overwrite``)."""
    target = Path(target)
    check_output(target, overwrite=overwrite, folder=True)
    with _parents_made(target), output_lock(target):
        check_output(target, overwrite=overwrite, folder=True)
        _clean_stale_parts(target)
        staging = staging_dir(target)
        try:
            with _write_errors(target):
                yield staging
                swap_dir(staging, target)
        finally:
            _remove(staging)


__all__ = ["LOCK", "PART", "REGISTRY", "allow_overwrite", "atomic_dir", "atomic_file", "check_name", "check_output",
           "claim_outputs",
           "file_sha256", "is_bundle_dir", "is_ours", "output_lock", "staging_dir", "swap_dir", "write_bytes",
           "write_json", "write_text"]
