"""Generated sample inputs over real geography, with a planted truth (`rdh sample generate`).

Nothing the hub works from at fine grain is published (daily FMP counts, a PoE register with status
history, key-informant transhumance reports), so the demo, the tests and the benchmarks use inputs
generated here: deterministic for a seed, calibrated to published DTM figures, over the real roads,
towns, land cover and borders of sample_data/real. Every file carries ``generated`` = true. The
planted truth (OD flows, routed paths, herd routes) goes to ``truth/``; the engine never reads it.

Planting uses tools independent of the engine scored against it: networkx shortest paths on the
roads and scikit-image's MCP_Geometric on the transhumance cost grid.
"""
import hashlib
import json
import logging
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..errors import InputNotFoundError
from ..io.atomic import write_text
from . import calibration, counts, fmp, gravity, idp, poe, roads, transhumance, truth
from ._common import DEFAULT_SEED, METRIC_CRS, WCA, real_paths, weeks, write_csv

log = logging.getLogger(__name__)

OD_COUNTRIES = set(WCA) | {"DZA", "LBY", "MAR", "TUN", "SDN"}  # towns that can start or end a movement
KINDS = ("fmp", "fmp_counts", "poe", "poe_status", "ki_reports", "idp", "movements")
STEPS = ("inputs", "fmp", "od", "counts", "poe", "transhumance", "idp", "write")


def generate(out_dir, *, data_dir="sample_data", seed=DEFAULT_SEED, progress=None):
    """Write every generated table (and ``truth/``) into ``out_dir``; returns {name: path}."""
    paths = real_paths(data_dir)
    missing = [str(p) for p in paths.values() if not p.exists()]
    if missing:
        raise InputNotFoundError("real inputs missing (run from the repository root or pass --data): "
                                 + ", ".join(missing))
    out_dir = Path(out_dir)

    def step(name):
        log.debug("sample: %s", name)
        if progress:
            progress(STEPS.index(name) + 1, len(STEPS), name)

    places = roads.gazetteer(paths["places"])
    network = roads.load_roads(paths["roads"], places)
    admin0 = gpd.read_file(paths["admin"], layer="adm0", engine="pyogrio").set_index("adm0_iso3")
    admin1 = gpd.read_file(paths["admin"], layer="adm1", engine="pyogrio")
    cobap = pd.read_csv(paths["cobap_daily"], encoding="utf-8")
    facts = calibration.read_facts(paths["facts"])
    step("inputs")

    catalogue, counting = fmp.build_catalogue(paths["fmp_named"], network, admin0.to_crs(METRIC_CRS), admin1)
    step("fmp")
    pairs = gravity.plant_od_pairs(network, counting, gravity.migrant_stock_shares(paths["stock"]),
                                   countries=OD_COUNTRIES)
    moves = counts.plant_movements(pairs, catalogue, seed=seed)
    step("od")
    volume = counts.calibrate(moves, catalogue, facts, counts.land_closure_weekly(cobap, weeks()), seed=seed)
    travellers = counts.draw_weekly(volume, seed=seed)
    fmp_counts = counts.count_rows(moves, catalogue, travellers, network.nodes["name"].to_dict())
    step("counts")
    registry = poe.build_registry(paths["roads"], network, places, admin0.to_crs(METRIC_CRS), admin1,
                                  gpd.read_file(paths["water"], layer="rivers_lake_centerlines", engine="pyogrio"))
    status = poe.status_timeline(registry, cobap, seed=seed)
    step("poe")
    grid = transhumance.Grid(paths["landcover"], paths["water"], network, admin0)
    herd_routes, ki_reports = transhumance.plant_herds(grid, cobap, places, seed=seed)
    step("transhumance")
    idp_rows = idp.idp_table(admin1, seed=seed)
    movement_rows = idp.movements_table(seed=seed)
    step("idp")

    written = {
        "fmp": write_csv(catalogue, out_dir / "fmp.csv"),
        "fmp_counts": write_csv(fmp_counts, out_dir / "fmp_counts.csv"),
        "poe": write_csv(registry, out_dir / "poe.csv"),
        "poe_status": write_csv(status, out_dir / "poe_status.csv"),
        "ki_reports": write_csv(ki_reports, out_dir / "ki_reports.csv"),
        "idp": write_csv(idp_rows, out_dir / "idp.csv"),
        "movements": write_csv(movement_rows, out_dir / "movements.csv"),
    }
    written.update(truth.write_truth(out_dir / "truth", moves=moves, travellers=travellers, counting=counting,
                                     catalogue=catalogue, herd_routes=herd_routes))
    written["manifest"] = _manifest(out_dir, written, seed)
    step("write")
    return written


def generated_paths(data_dir="sample_data"):
    """The committed generated tables by kind (``fmp``, ``fmp_counts``, ``poe``, ``poe_status``,
    ``ki_reports``, ``idp``, ``movements``), for the demo and the tests."""
    folder = Path(data_dir) / "generated"
    return {kind: folder / f"{kind}.csv" for kind in KINDS}


def _manifest(out_dir, written, seed):
    """MANIFEST.json: seed and a SHA-256 per file, so a regeneration can be checked byte for byte."""
    files = {str(Path(p).relative_to(out_dir)): hashlib.sha256(Path(p).read_bytes()).hexdigest()
             for p in written.values()}
    manifest = {"generated": True, "generator": "rdh sample generate", "seed": int(seed),
                "note": "Synthetic data over real geography; NOT real observations. See docs/sample_data.md.",
                "files": dict(sorted(files.items()))}
    path = out_dir / "MANIFEST.json"
    write_text(path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return path


__all__ = ["DEFAULT_SEED", "KINDS", "generate", "generated_paths"]
