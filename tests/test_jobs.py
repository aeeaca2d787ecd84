"""The job model: declarations drive the click commands, --config, `rdh run` and the frozen spec."""
import json
import subprocess
import sys
from pathlib import Path

import click
import geopandas as gpd
import pyogrio
import pytest

from rdh_engine.cli import cli
from rdh_engine.cli.generate import click_names
from rdh_engine.io.gpkg import list_layers, read_provenance
from rdh_engine.jobs import jobs, spec
from rdh_engine.jobs.model import INPUT_TYPES, OUTPUT_TYPES

from . import corridor_fixtures as F

RDH = str(Path(sys.executable).with_name("rdh"))
UNSET = getattr(click.core, "UNSET", None)  # click >= 8.3: options without a default
REPO = Path(__file__).resolve().parents[1]


def rdh(*args, cwd=None):
    return subprocess.run([RDH, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def command_of(name):
    return cli.get_command(click.Context(cli), name)


def _expected_click_type(param, option):
    """The declared type as the click type class it must be (plugin commands may be laxer on paths)."""
    kind = param.type
    if kind in INPUT_TYPES or kind in OUTPUT_TYPES:
        return click.Path
    return {"int": (click.IntRange, click.types.IntParamType), "float": (click.FloatRange, click.types.FloatParamType),
            "enum": click.Choice, "date": click.DateTime, "bool": click.types.BoolParamType,
            "string": click.ParamType}[kind]


@pytest.mark.parametrize("name", sorted(jobs()))
def test_click_options_match_the_spec(name):
    declared = jobs()[name]
    command = command_of(name)
    names = click_names(command, declared)
    by_name = {p.name: p for p in command.params}
    for param in declared.params:
        option = by_name[names[param.name]]
        assert isinstance(option.type, _expected_click_type(param, option)), (name, param.name, option.type)
        if param.argument:
            assert isinstance(option, click.Argument)
            continue
        assert option.opts[-1] == param.flag and set(param.aliases) <= set(option.opts), (name, param.name)
        assert option.multiple == param.multiple and option.nargs == param.nargs, (name, param.name)
        default = option.default if option.default not in (None, (), UNSET) else None
        if param.type == "bool":
            assert option.is_flag and bool(default) == bool(param.default), (name, param.name)
        else:
            assert default == param.default, (name, param.name, option.default, param.default)
        if not isinstance(command, click.Group):  # a group checks its required options itself
            assert option.required == param.required, (name, param.name)
        assert option.help == param.help_en, (name, param.name)
        if isinstance(option.type, (click.IntRange, click.FloatRange)):
            assert (option.type.min, option.type.max) == (param.min, param.max), (name, param.name)
            assert (option.type.min_open, option.type.max_open) == (param.min_open, param.max_open)
        if isinstance(option.type, click.Choice):
            assert tuple(option.type.choices) == param.choices, (name, param.name)
    declared_flags = {p.flag for p in declared.params} | {None}
    extra = [p.opts for p in command.params if isinstance(p, click.Option) and not p.hidden
             and p.name not in ("config", "manifest", "help") and not set(p.opts) & declared_flags]
    assert not extra, f"{name}: options not declared in the spec: {extra}"


def test_required_options_are_enforced_even_on_the_transhumance_group(tmp_path):
    result = rdh("transhumance", "--reports", "x.csv", "--cost", "c.tif", cwd=tmp_path)
    assert result.returncode == 2 and "--output" in result.stderr


def test_spec_defaults_mirror_the_engine_constants():
    from rdh_engine.io.schemas import KINDS
    from rdh_engine.io.sources import CROSSINGS_LAYER
    from rdh_engine.io.validation import DEFAULT_ADMIN, DEFAULT_PLACES
    from rdh_engine.raster.cost_surface import DEFAULT_CRS, SEASONS
    from rdh_engine.sample import DEFAULT_SEED
    from rdh_engine.cli.sample import DEFAULT_SEED as CLI_SEED
    from rdh_engine.transhumance_routes import (BAND_LEVEL, DEFAULT_ROUTING, EVIDENCE_FACTOR, EVIDENCE_RADIUS_M,
                                                MIN_ROUTED_LEG_M)
    from rdh_qgis_plugin.layouts.texts import LANGUAGES

    all_jobs = jobs()
    th, export, validate = all_jobs["transhumance"], all_jobs["export"], all_jobs["validate"]
    assert th.param("evidence_factor").default == EVIDENCE_FACTOR
    assert th.param("evidence_radius_m").default == EVIDENCE_RADIUS_M
    assert th.param("crs").default == DEFAULT_CRS and th.param("season").choices == SEASONS
    assert export.param("threshold").default is None and export.param("grid_deg").default is None  # the policy's
    assert th.param("routing").default == DEFAULT_ROUTING and th.param("band_level").default == BAND_LEVEL
    assert th.param("min_routed_leg_km").default * 1000 == MIN_ROUTED_LEG_M
    assert validate.param("kind").choices == tuple(sorted(KINDS))
    assert Path(validate.param("admin").default) == DEFAULT_ADMIN
    assert Path(validate.param("places").default) == DEFAULT_PLACES
    assert all_jobs["map"].param("lang").choices == LANGUAGES
    assert CLI_SEED == DEFAULT_SEED
    assert all_jobs["poe-impact"].param("crossings_layer").default == CROSSINGS_LAYER


def test_frozen_spec_in_the_plugin_matches_the_live_one():
    frozen = json.loads((REPO / "rdh_qgis_plugin" / "spec.json").read_text(encoding="utf-8"))
    assert frozen == spec(), "rdh_qgis_plugin/spec.json is stale: run `make spec`"


def test_spec_json_is_printed_and_json_ready():
    result = rdh("spec", "--json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == spec() and printed["spec_version"] == 1
    assert {"corridors", "transhumance", "poe-impact", "validate", "export", "demo", "map", "atlas",
            "publish"} <= set(printed["jobs"])
    assert {j["runs_in"] for j in printed["jobs"].values()} == {"engine", "qgis"}


def test_every_option_of_the_issue_is_declared():
    """Options the QGIS side could not reach (issue #15) are in the spec."""
    th, poe = jobs()["transhumance"], jobs()["poe-impact"]
    for name in ("status", "conflict", "date", "bounds", "current", "save_cost"):
        th.param(name)
    for name in ("start", "end", "timeline", "criticality", "top_pairs", "baseline_date", "scenario", "monte_carlo"):
        poe.param(name)
    assert {"criticality_n2", "status_periods"} <= set(poe.outputs)


def test_cli_version_and_help_import_no_analysis_library():
    code = ("import sys\nfrom rdh_engine.cli import cli\n"
            "for args in (['--version'], ['--help']):\n"
            "    try:\n        cli.main(args=args, prog_name='rdh', standalone_mode=False)\n"
            "    except SystemExit:\n        pass\n"
            "heavy = sorted(m for m in ('numba', 'geopandas', 'pandas', 'numpy', 'rasterio', 'dask', 'matplotlib')"
            " if m in sys.modules)\nprint(heavy)\nsys.exit(1 if heavy else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- rdh run and --config --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    rows = [("Agadez", f"2020-{m:02d}-{day:02d}", "Zinder", "Arlit", 20 + day) for m in (1, 2, 3) for day in (3, 9, 17)]
    return F.write_inputs(tmp_path_factory.mktemp("job-inputs"), F.counts(rows))


def _corridor_job(d, out):
    return {"roads": str(d / "roads.gpkg"), "places": str(d / "places.csv"), "fmp": str(d / "fmp.csv"),
            "counts": str(d / "counts.csv"), "period": "quarter", "k": 2, "n_boot": 20, "output": str(out)}


def test_run_job_writes_the_same_files_as_the_command(inputs, tmp_path):
    by_cli, by_job = tmp_path / "cli" / "c.gpkg", tmp_path / "job" / "c.gpkg"
    result = rdh("corridors", "--roads", inputs / "roads.gpkg", "--places", inputs / "places.csv",
                 "--fmp", inputs / "fmp.csv", "--counts", inputs / "counts.csv", "--period", "quarter", "--k", "2",
                 "--n-boot", "20", "-o", by_cli, "--manifest", tmp_path / "cli.json")
    assert result.returncode == 0, result.stderr
    job = tmp_path / "job.json"
    job.write_text(json.dumps(_corridor_job(inputs, by_job)), encoding="utf-8")
    result = rdh("run", "corridors", "--job", job, "--manifest", tmp_path / "job_manifest.json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in by_cli.parent.iterdir()) == sorted(p.name for p in by_job.parent.iterdir())
    assert list_layers(by_cli) == list_layers(by_job)
    for layer in list_layers(by_cli):
        left, right = gpd.read_file(by_cli, layer=layer), gpd.read_file(by_job, layer=layer)
        assert left.drop(columns="geometry", errors="ignore").equals(right.drop(columns="geometry", errors="ignore"))
        assert read_provenance(by_cli, layer)["parameters"] == read_provenance(by_job, layer)["parameters"]
    manifests = [json.loads((tmp_path / n).read_text()) for n in ("cli.json", "job_manifest.json")]
    for manifest, out in zip(manifests, (by_cli, by_job)):
        assert manifest["job"] == "corridors"
        kinds = {(o["name"], o["kind"]) for o in manifest["outputs"]}
        assert {("edge_flows", "layer"), ("corridors", "layer"), ("c_corridor_series", "table"),
                ("c_corridor_series", "chart")} <= kinds
        layer = next(o for o in manifest["outputs"] if o["name"] == "edge_flows")
        assert Path(layer["path"]) == out and layer["layer"] == "edge_flows" and layer["title_en"]
    assert [o["name"] for o in manifests[0]["outputs"]] == [o["name"] for o in manifests[1]["outputs"]]


@pytest.mark.parametrize("content, key", [
    ({"n_bot": 3}, "n_bot"),
    ({"k": "two"}, "k"),
    ({"k": 0}, "k"),
    ({"period": "fortnight"}, "period"),
    ({"filter": "sex=f"}, "filter"),
])
def test_run_job_refuses_unknown_keys_and_wrong_types(inputs, tmp_path, content, key):
    out = tmp_path / "x.gpkg"
    job = tmp_path / "job.json"
    job.write_text(json.dumps({**_corridor_job(inputs, out), **content}), encoding="utf-8")
    result = rdh("run", "corridors", "--job", job)
    assert result.returncode == 2 and key in result.stderr, result.stderr
    assert not out.exists()


def test_run_unknown_job_is_a_usage_error(tmp_path):
    job = tmp_path / "job.json"
    job.write_text("{}", encoding="utf-8")
    result = rdh("run", "teleport", "--job", job)
    assert result.returncode == 2 and "teleport" in result.stderr and "corridors" in result.stderr


@pytest.mark.parametrize("toml, key", [
    ('n-bot = 3\n', "n-bot"),
    ('[corridors]\nk = "two"\n', "k"),
    ('[corridors]\nmin-share = 1.5\n', "min-share"),
    ('[corridor]\nk = 2\n', "corridor"),
    ('seed = 1.5\n', "seed"),
])
def test_config_refuses_unknown_keys_and_wrong_types(inputs, tmp_path, toml, key):
    config = tmp_path / "run.toml"
    config.write_text(toml, encoding="utf-8")
    out = tmp_path / "x.gpkg"
    job = _corridor_job(inputs, out)
    args = [a for k in ("roads", "places", "fmp", "counts") for a in (f"--{k}", job[k])]
    result = rdh("corridors", *args, "--config", config, "-o", out)
    assert result.returncode == 2, result.stderr
    assert "--config" in result.stderr and key in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_config_tables_of_other_jobs_are_ignored(inputs, tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('[poe-impact]\nscheduler = "serial"\n[corridors]\nn-boot = 5\nperiod = "quarter"\n',
                      encoding="utf-8")
    out = tmp_path / "c.gpkg"
    job = _corridor_job(inputs, out)
    args = [a for k in ("roads", "places", "fmp", "counts") for a in (f"--{k}", job[k])]
    result = rdh("corridors", *args, "--config", config, "-o", out)
    assert result.returncode == 0, result.stderr
    assert read_provenance(out, "edge_flows")["parameters"]["n_boot"] == 5


# --- layer auto-detection ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def single_layer_roads(tmp_path_factory):
    path = tmp_path_factory.mktemp("roads") / "roads_only.gpkg"
    pyogrio.write_dataframe(pyogrio.read_dataframe(REPO / "sample_data/real/roads.gpkg", layer="edges"), path,
                            layer="roads")
    return path


@pytest.mark.slow
def test_poe_impact_reads_a_single_layer_roads_file_whatever_its_layer_name(single_layer_roads, tmp_path):
    data = REPO / "tests/data/poe"
    out = tmp_path / "impact.gpkg"
    result = rdh("-q", "poe-impact", "--roads", single_layer_roads, "--places",
                 REPO / "sample_data/real/places_geonames.csv", "--poe", data / "poe.csv", "--status",
                 data / "status.csv", "--od", data / "od.csv", "--date", "2020-04-15", "--scheduler", "serial",
                 "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "od_impact" in list_layers(out)


def test_a_multi_layer_file_without_a_layer_lists_its_layers(tmp_path):
    from rdh_engine.errors import InputNotFoundError
    from rdh_engine.io.tables import choose_layer

    path = tmp_path / "two.gpkg"
    roads = F.roads()
    roads.to_file(path, layer="primary")
    roads.to_file(path, layer="secondary")
    with pytest.raises(InputNotFoundError, match="primary, secondary.*--roads-layer"):
        choose_layer(path, option="--roads-layer")
    assert choose_layer(path, layer="secondary") == "secondary"
    with pytest.raises(InputNotFoundError, match="no layer named 'tertiary'"):
        choose_layer(path, layer="tertiary")
    assert choose_layer(REPO / "sample_data/real/roads.gpkg", preferred=("edges",)) == "edges"


def test_transhumance_is_a_group_other_modules_can_add_subcommands_to():
    from click.testing import CliRunner

    from rdh_engine.cli.generate import job_command

    group = job_command(jobs()["transhumance"], group=True)  # a fresh copy of `rdh transhumance`

    @group.command("evaluate")
    @click.option("--truth")
    def evaluate(truth):
        click.echo(f"evaluating against {truth}")

    result = CliRunner().invoke(group, ["evaluate", "--truth", "planted.geojson"])
    assert result.exit_code == 0 and "evaluating against planted.geojson" in result.output
    result = CliRunner().invoke(group, ["--reports", "ki.csv", "--cost", "cost.tif"])
    assert result.exit_code == 2 and "--output" in result.output
    assert "evaluate" in CliRunner().invoke(group, ["--help"]).output


def test_a_multi_layer_water_file_without_the_named_layer_is_refused_with_its_layers(tmp_path):
    from rdh_engine.errors import InputNotFoundError
    from rdh_engine.transhumance_routes.job import _read_layer

    path = tmp_path / "water.gpkg"
    F.roads().to_file(path, layer="rivers")
    F.roads().to_file(path, layer="canals")
    with pytest.raises(InputNotFoundError, match="rivers, canals.*'lakes'"):
        _read_layer(path, "lakes")
    single = tmp_path / "one.gpkg"
    F.roads().to_file(single, layer="rivers")
    assert len(_read_layer(single, "rivers_lake_centerlines")) == len(F.roads())


def test_config_values_accept_toml_dates_lists_and_dashes(tmp_path):
    from rdh_engine.cli.generate import config_values

    config = tmp_path / "rdh.toml"
    config.write_text('[poe-impact]\ndate = 2020-04-15\nbaseline-date = "2020-01-01"\ntop_pairs = 4\n'
                      '[transhumance]\nbounds = [0, 0, 1000, 1000.5]\n', encoding="utf-8")
    assert config_values(jobs()["poe-impact"], config) == {"date": "2020-04-15", "baseline_date": "2020-01-01",
                                                           "top_pairs": 4}
    assert config_values(jobs()["transhumance"], config) == {"bounds": [0, 0, 1000, 1000.5]}
    config.write_text('[transhumance]\nbounds = [0, 0, 1000]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[transhumance\] bounds: expected 4 values"):
        config_values(jobs()["transhumance"], config)
    config.write_text('[poe-impact]\ndate = "15/04/2020"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="date: expected a date YYYY-MM-DD"):
        config_values(jobs()["poe-impact"], config)


@pytest.mark.parametrize("name", sorted(jobs()))
def test_every_default_passes_its_own_declaration(name):
    for param in jobs()[name].params:
        if param.default is not None:
            param.check(list(param.default) if isinstance(param.default, tuple) else param.default)
        assert param.help_en and param.help_fr, (name, param.name)
    assert jobs()[name].title_fr and jobs()[name].help_fr
