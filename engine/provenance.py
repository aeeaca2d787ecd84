"""What produced an output: inputs (with hashes), parameters, versions and time."""
import datetime as _dt
import hashlib
import json
import platform
from pathlib import Path

from . import __version__


def file_sha256(path, *, chunk_bytes=1 << 20):
    """SHA-256 of a file's bytes, read in chunks so large inputs stay out of memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(chunk_bytes), b""):
            digest.update(block)
    return digest.hexdigest()


def run_provenance(*, tool, inputs=(), parameters=None, now=None):
    """A JSON-serialisable record of one run of ``tool`` over ``inputs`` with ``parameters``."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return {
        "tool": tool,
        "engine": "rdh_engine",
        "engine_version": __version__,
        "python": platform.python_version(),
        "created": now.replace(microsecond=0).isoformat(),
        "inputs": [{"path": str(p), "sha256": file_sha256(p)} for p in map(Path, inputs)],
        "parameters": dict(parameters or {}),
    }


def dumps(record):
    return json.dumps(record, indent=2, sort_keys=True, default=str)
