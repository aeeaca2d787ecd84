"""The hostile-input corpus over every command (tests/data/bad_commands/cases.toml): each case gives its
exit code and a message; there is never a traceback or an "internal error", never a temporary file left
behind, and the files a case lists as the user's are never changed. Adding a case adds no code.

Each case runs in this process (rdh_engine.cli.main, as the console script does) in its own temporary
folder; the QGIS-side commands (map, atlas, publish) start their own child process as usual and are
marked `qgis`. See the manifest's header for the format.
"""
import hashlib
import logging
import os
import tomllib
from pathlib import Path

import pytest

from rdh_engine.cli import main

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "tests" / "data" / "bad_commands" / "cases.toml"
CASES = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["case"]
PLACES = {"{repo}": str(REPO), "{data}": str(REPO / "tests" / "data"), "{real}": str(REPO / "sample_data" / "real"),
          "{gen}": str(REPO / "sample_data" / "generated")}


def expand(text, tmp):
    text = str(text).replace("{tmp}", str(tmp))
    for key, value in PLACES.items():
        text = text.replace(key, value)
    return text


def make_files(case, tmp):
    """The case's own files in its folder: text, a copy of a repository file, repeated text, or a folder."""
    for name, spec in case.get("files", {}).items():
        path = tmp / expand(name, tmp)
        spec = spec if isinstance(spec, dict) else {"text": spec}
        if spec.get("dir"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if "copy" in spec:
            path.write_bytes(Path(expand(spec["copy"], tmp)).read_bytes())
        elif "hex" in spec:
            path.write_bytes(bytes.fromhex(spec["hex"]) * spec.get("repeat", 1))
        else:
            text = spec["text"] * spec.get("repeat", 1)
            path.write_bytes(text.encode(spec.get("encoding", "utf-8")))


def digests(tmp, names):
    out = {}
    for name in names:
        path = tmp / expand(name, tmp)
        out[name] = (hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file()
                     else sorted(p.name for p in path.iterdir()) if path.is_dir() else None)
    return out


def _marks(case):
    marks = [getattr(pytest.mark, m) for m in case.get("marks", [])]
    if any(a in ("map", "atlas", "publish") for a in case["args"][:2]):
        marks.append(pytest.mark.qgis)
    return marks


def test_corpus_covers_every_command_with_at_least_150_cases():
    from rdh_engine.cli import cli

    assert len(CASES) >= 150
    ids = [c["id"] for c in CASES]
    assert len(set(ids)) == len(ids), "case ids must be unique"
    import click

    commands = set(cli.list_commands(click.Context(cli)))  # the lazy group lists every command
    covered = {a for c in CASES for a in c["args"] if a in commands}
    assert commands <= covered, f"commands without a case: {commands - covered}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=_marks(c)) for c in CASES])
def test_bad_input(case, tmp_path, capfd, caplog, monkeypatch):
    if case.get("root_skip") and hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("permissions do not stop root")
    monkeypatch.chdir(REPO)
    make_files(case, tmp_path)
    for name in case.get("readonly", []):
        (tmp_path / name).chmod(0o555)
    untouched = case.get("untouched", list(case.get("files", {})))
    before = digests(tmp_path, untouched)
    caplog.set_level(logging.INFO, logger="rdh_engine")
    try:
        with pytest.raises(SystemExit) as stop:
            main([expand(a, tmp_path) for a in case["args"]])
    finally:
        for name in case.get("readonly", []):
            (tmp_path / name).chmod(0o755)
    out = capfd.readouterr()  # fd level: the QGIS-side commands speak from a child process
    output = "\n".join([out.out, out.err, caplog.text])
    assert stop.value.code == case["exit"], output
    for pattern in [case["message"]] if isinstance(case["message"], str) else case["message"]:
        assert expand(pattern, tmp_path).lower() in output.lower(), output
    assert "Traceback" not in output and "Internal error" not in output, output
    assert digests(tmp_path, untouched) == before, "a file of the user's was changed"
    for name in case.get("absent", []):
        assert not (tmp_path / expand(name, tmp_path)).exists(), f"{name} was written"
    left = [p for p in tmp_path.rglob("*") if ".rdh-part" in p.name or p.name.endswith(".rdh-lock")]
    assert not left, f"temporary files left behind: {left}"
