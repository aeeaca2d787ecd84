"""The `rdh` command line: help, version, exit codes, and the demo end to end."""
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rdh_engine import __version__
from rdh_engine.cli import cli

RDH = str(Path(sys.executable).with_name("rdh"))


def run(*args, cwd=None):
    return subprocess.run([RDH, *args], capture_output=True, text=True, cwd=cwd)


def all_commands(group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # `rdh` imports its commands lazily
        command = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rdh {__version__}"


def test_top_level_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    for name in cli.list_commands(click.Context(cli)):
        assert name in result.stdout


@pytest.mark.parametrize("command", sorted(all_commands(cli)), ids=" ".join)
def test_every_subcommand_has_help(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and " ".join(command) in result.output


def test_usage_errors_exit_2():
    assert run("no-such-command").returncode == 2
    assert run("demo", "--no-such-option").returncode == 2


def test_demo_rejects_a_folder_that_is_not_sample_data(tmp_path):
    result = run("demo", "--data", str(tmp_path), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "not the RDH sample data folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_data_exits_1_with_file_row_and_column(sample_copy, tmp_path):
    mmp = sample_copy / "real" / "mmp_incidents.csv"
    lines = mmp.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("lat")] = "123.5"  # outside [-90, 90]
    lines[1] = ",".join(row)
    mmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("demo", "--steps", "sources", "--data", str(sample_copy), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "mmp_incidents.csv" in result.stderr and "row 2" in result.stderr and "lat" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "rdh_sources.gpkg").exists()


def test_demo_writes_styled_geopackage(demo_output):
    assert (demo_output / "rdh_sources.gpkg").is_file()


def test_quiet_and_verbose_are_accepted(tmp_path, sample_data):
    quiet = run("--quiet", "demo", "--steps", "sources", "--data", str(sample_data), "--output", str(tmp_path / "q"))
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stderr
    verbose = run("--verbose", "provenance", str(tmp_path / "q" / "rdh_sources.gpkg"), "--layer", "roads")
    assert verbose.returncode == 0
    assert '"tool": "rdh demo"' in verbose.stdout


def test_demo_refuses_unknown_steps(tmp_path, sample_data):
    result = run("demo", "--steps", "sources,teleport", "--data", str(sample_data), "--output", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "unknown step(s) teleport" in result.stderr
    assert not (tmp_path / "o").exists()
