"""The training course (docs/tutorial/, English and French) runs as written: every command of its
fenced ``sh`` blocks, in order, in a fresh folder beside the sample data; then the exercises'
expected answers are checked on what the commands wrote. Both languages share the outputs
(commands that are the same in both run once)."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ._maps import page_count, page_texts, query

REPO = Path(__file__).resolve().parents[2]
TUTORIAL = REPO / "docs" / "tutorial"
# Installing is what the test suite's own setup did already.
ALREADY_DONE = ("make setup",)


def commands(markdown):
    """The shell commands of a page's ```sh blocks (backslash continuations joined)."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", markdown, flags=re.DOTALL):
        for command in block.replace("\\\n", " ").splitlines():
            command = " ".join(command.split())
            if command and not command.startswith(ALREADY_DONE):
                found.append(command)
    return found


def all_commands():
    ordered = []
    for page in ("en.md", "fr.md"):
        for command in commands((TUTORIAL / page).read_text(encoding="utf-8")):
            if command not in ordered:
                ordered.append(command)
    return ordered


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    work = tmp_path_factory.mktemp("course")
    (work / "sample_data").symlink_to(REPO / "sample_data")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    ran = []
    for command in all_commands():
        if command.startswith("export "):
            continue   # the PATH the course asks for is the test's own
        done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True, text=True,
                              timeout=900)
        assert done.returncode == 0, f"`{command}` failed:\n{done.stderr[-2000:]}"
        ran.append(command)
    return work / "course", ran


def test_both_languages_teach_the_same_steps():
    en, fr = (commands((TUTORIAL / p).read_text(encoding="utf-8")) for p in ("en.md", "fr.md"))
    assert len(en) == len(fr) >= 10
    assert [c.split()[:2] for c in en] == [c.split()[:2] for c in fr]


@pytest.mark.slow
def test_every_command_runs_and_the_answers_hold(course):
    out, ran = course
    assert len(ran) == len(all_commands()) - 1   # all but `export PATH`
    # Exercise 2: the source layers.
    assert sorted(n for (n,) in query(out / "rdh_sources.gpkg", "SELECT table_name FROM gpkg_contents "
                                                                "WHERE data_type = 'features'")) == \
        sorted(["places", "mmp_incidents", "roads", "admin0", "admin1"])
    # Exercise 3: persons per day on each segment.
    columns = [row[1] for row in query(out / "corridors.gpkg", "PRAGMA table_info(edge_flows)")]
    assert "flow_persons_day" in columns
    # Exercise 4: stranded journeys.
    columns = [row[1] for row in query(out / "impact.gpkg", "PRAGMA table_info(od_impact)")]
    assert "stranded" in columns
    # Exercise 5: routes and corridors.
    layers = {n for (n,) in query(out / "dry" / "transhumance.gpkg", "SELECT table_name FROM gpkg_contents")}
    assert {"herd_routes", "corridor_lines"} <= layers
    # Exercise 6: the published GeoPackage.
    assert list((out / "publish" / "corridors").glob("*.gpkg"))
    # Exercise 7: 24 atlas pages in each language; maps titled after their analysis.
    for lang, title in (("en", "Migration corridors"), ("fr", "Corridors migratoires")):
        assert page_count(out / f"atlas_{lang}.pdf") == 24
        assert title in page_texts(out / f"corridors_{lang}.pdf")[0]
