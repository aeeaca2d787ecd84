"""engine/io/atomic.py: complete-or-nothing writes, ownership of existing outputs, locks, safe names."""
import errno
import os
import threading

import pytest

from rdh_engine.errors import OutputError, OutputExistsError, ParameterError
from rdh_engine.io.atomic import (
    REGISTRY, allow_overwrite, atomic_dir, atomic_file, check_name, is_ours, output_lock, write_text,
)
from rdh_engine.io.atomic import _output_error


@pytest.mark.parametrize("name", ["corridors", "transhumance_dry", "poe-impact-2020", "données", "a" * 64])
def test_plain_names_are_accepted(name):
    assert check_name(name) == name


@pytest.mark.parametrize("name", [".", "..", ".hidden", "a/b", "a\\b", "../up", "/etc", "CON", "nul", "com1.txt",
                                  "LPT9", "a" * 65, "a\nb", "a\x00b", "", "   ", "theme.", " lead", "c:x", "a?"])
def test_names_that_escape_or_break_paths_are_refused(name):
    with pytest.raises(ParameterError, match="--theme"):
        check_name(name)


def test_a_file_is_replaced_in_one_step_and_only_when_complete(tmp_path):
    path = tmp_path / "a.csv"
    write_text(path, "first\n")
    with pytest.raises(RuntimeError):
        with atomic_file(path) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("killed halfway")
    assert path.read_text() == "first\n"
    write_text(path, "second\n")  # the toolkit's own file: replaced
    assert path.read_text() == "second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [REGISTRY, "a.csv"]


def test_a_file_the_toolkit_did_not_write_is_never_replaced(tmp_path):
    path = tmp_path / "fmp_counts.csv"
    path.write_text("the user's own\n")
    with pytest.raises(OutputExistsError, match="--overwrite"):
        write_text(path, "generated\n")
    assert path.read_text() == "the user's own\n"
    with allow_overwrite([path]):
        write_text(path, "generated\n")
    assert path.read_text() == "generated\n" and is_ours(path)
    path.write_text("edited by the user\n")  # edited since: the user's again
    assert not is_ours(path)


def test_outputs_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_text(tmp_path / "x.json", "{}")
        with atomic_dir(tmp_path / "bundle") as staging:
            (staging / "bundle.json").write_text('{"format": "rdh-publication-bundle"}')
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "bundle").stat().st_mode & 0o777 == 0o755


def test_a_folder_is_swapped_whole_and_the_previous_kept_on_failure(tmp_path):
    target = tmp_path / "theme"
    with atomic_dir(target) as staging:
        (staging / "bundle.json").write_text('{"format": "rdh-publication-bundle", "v": 1}')
    with pytest.raises(RuntimeError):
        with atomic_dir(target) as staging:
            (staging / "bundle.json").write_text('{"format": "rdh-publication-bundle", "v": 2}')
            raise RuntimeError("failed before the swap")
    assert '"v": 1' in (target / "bundle.json").read_text()
    with atomic_dir(target) as staging:
        (staging / "bundle.json").write_text('{"format": "rdh-publication-bundle", "v": 3}')
    assert '"v": 3' in (target / "bundle.json").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["theme"]


def test_a_user_folder_named_like_the_bundle_is_never_replaced(tmp_path):
    target = tmp_path / "Documents"
    (target / "thesis.odt").parent.mkdir()
    (target / "thesis.odt").write_text("years of work")
    with pytest.raises(OutputExistsError):
        with atomic_dir(target):
            pass
    assert (target / "thesis.odt").read_text() == "years of work"


def test_an_output_that_is_a_folder_is_an_error_naming_it(tmp_path):
    (tmp_path / "out.gpkg").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_text(tmp_path / "out.gpkg", "x")


def test_a_second_writer_waits_for_the_lock_then_fails_clearly(tmp_path):
    path = tmp_path / "o.csv"
    held, release = threading.Event(), threading.Event()

    def first():
        with output_lock(path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(10)
    try:
        with pytest.raises(OutputError, match="being written by another rdh run"):
            with output_lock(path, timeout_s=0.5):
                pass
    finally:
        release.set()
        thread.join()
    with output_lock(path, timeout_s=0.5):  # free again
        pass
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("code, text", [(errno.ENOSPC, "no space left"), (errno.EROFS, "read-only"),
                                        (errno.EACCES, "read-only or no permission"), (errno.EISDIR, "is a folder")])
def test_system_failures_become_one_line_saying_what_to_do(code, text):
    message = str(_output_error(OSError(code, os.strerror(code)), "out/x.gpkg"))
    assert text in message and "out/x.gpkg" in message and "\n" not in message
