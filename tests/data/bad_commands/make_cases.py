"""Writes cases.toml (the corpus is the TOML; this script only saves typing when adding many cases).

python tests/data/bad_commands/make_cases.py > tests/data/bad_commands/cases.toml
"""
import json

CASES = []


def case(id, args, exit, message, **extra):
    CASES.append({"id": id, "args": args, "exit": exit, "message": message, **extra})


D = "{data}"
CR = ["--roads", f"{D}/corridors/roads.gpkg", "--places", f"{D}/corridors/places.csv", "--fmp",
      f"{D}/corridors/fmp.csv", "--counts", f"{D}/corridors/counts.csv", "--n-boot", "5"]


def corr(**replace):
    args = list(CR)
    for opt, value in replace.items():
        opt = "--" + opt
        args[args.index(opt) + 1] = value
    return ["corridors", *args]


KI = f"{D}/transhumance/ki_reports.csv"
COST = "{tmp}/cost.tif"
POE = ["--roads", "{real}/roads.gpkg", "--places", "{real}/places_geonames.csv", "--poe", f"{D}/poe/poe.csv",
       "--status", f"{D}/poe/status.csv", "--od", f"{D}/poe/od.csv", "--scheduler", "serial"]
GOOD_GPKG = {"copy": f"{D}/bad/fmp_points_layer.gpkg"}
USER = "my own work, not the toolkit's\n"
OWN = "exists and was not written by the RDH Toolkit"
COMMANDS = ["validate", "corridors", "transhumance", "poe-impact", "export", "publish", "map", "atlas",
            "provenance", "sample", "bench", "demo"]

# --- usage: every command ------------------------------------------------------------------------
case("no-command-shows-usage", ["--no-such-global"], 2, "No such option")
case("unknown-command", ["frobnicate"], 2, "No such command")
for c in COMMANDS:
    case(f"{c}-unknown-option", [c, "--no-such-option"], 2, "No such option")
    case(f"{c}-help", [c, "--help"], 0, "Usage:")
case("sample-generate-unknown-option", ["sample", "generate", "--nope"], 2, "No such option")

# --- --config ------------------------------------------------------------------------------------
for c in ("corridors", "transhumance", "poe-impact"):
    case(f"{c}-config-missing-file", [c, "--config", "{tmp}/none.toml"], 2, "does not exist")
    case(f"{c}-config-invalid-toml", [c, "--config", "{tmp}/bad.toml"], 2, "cannot read",
         files={"bad.toml": "[corridors\nperiod = \n"})
    case(f"{c}-config-is-a-folder", [c, "--config", "{tmp}/conf"], 2, "is a directory", files={"conf": {"dir": True}})
    case(f"{c}-config-binary", [c, "--config", "{tmp}/bin.toml"], 2, "cannot read",
         files={"bin.toml": {"hex": "fffe00d8ff"}})
case("corridors-config-bad-choice", ["corridors", "--config", "{tmp}/c.toml", *CR[:8], "-o", "{tmp}/o.gpkg"], 2,
     "period", files={"c.toml": "period = \"fortnight\"\n"}, absent=["o.gpkg"])
case("corridors-config-bad-type", ["corridors", "--config", "{tmp}/c.toml", *CR[:8], "-o", "{tmp}/o.gpkg"], 2,
     "k", files={"c.toml": "k = \"many\"\n"}, absent=["o.gpkg"])
case("corridors-config-out-of-range", ["corridors", "--config", "{tmp}/c.toml", *CR[:8], "-o", "{tmp}/o.gpkg"], 2,
     "min_share", files={"c.toml": "min_share = 3.0\n"}, absent=["o.gpkg"])
case("poe-impact-config-bad-scheduler", ["poe-impact", "--config", "{tmp}/c.toml", *POE[:10], "-o", "{tmp}/o.gpkg"], 2,
     "scheduler", files={"c.toml": "scheduler = \"cluster-please\"\n"}, absent=["o.gpkg"])

# --- validate: files and outputs -----------------------------------------------------------------
V = ["validate", "--kind", "fmp"]
case("validate-folder-as-input", ["validate", "{tmp}/d"], 2, "is a directory", files={"d": {"dir": True}})
case("validate-binary-garbage", [*V, "{tmp}/garbage.csv"], 1, "garbage.csv",
     files={"garbage.csv": {"hex": "00ff13377f80", "repeat": 200}})
case("validate-utf16-no-bom", [*V, "{tmp}/u16.csv"], 1, "u16.csv",
     files={"u16.csv": {"text": "fmp_id,name\nA,B\n", "encoding": "utf-16-le"}})
case("validate-one-huge-line", [*V, "{tmp}/huge.csv"], 1, "huge.csv", files={"huge.csv": {"text": "x", "repeat": 2000000}})
case("validate-many-columns", [*V, "{tmp}/wide.csv"], 1, "wide.csv", files={"wide.csv": {"text": "x,", "repeat": 2000}})
case("validate-only-newlines", [*V, "{tmp}/nl.csv"], 1, "nl.csv", files={"nl.csv": {"text": "\n", "repeat": 1000}})
case("validate-nul-bytes", [*V, "{tmp}/nul.csv"], 1, "nul.csv",
     files={"nul.csv": "fmp_id,name,country_iso3,lon,lat\nF1,\u0000\u0000,NER,8,16\n"})
case("validate-name-with-spaces-and-accents", [*V, "{tmp}/données de terrain é.csv"], 0, "valid",
     files={"données de terrain é.csv": {"copy": "{gen}/fmp.csv"}})
case("validate-name-starting-with-dash", [*V, "--", "{tmp}/-fmp.csv"], 0, "valid",
     files={"-fmp.csv": {"copy": "{gen}/fmp.csv"}})
case("validate-name-with-newline", [*V, "{tmp}/a\nb.csv"], 0, "valid", files={"a\nb.csv": {"copy": "{gen}/fmp.csv"}})
case("validate-emoji-name", [*V, "{tmp}/🐄.csv"], 0, "valid", files={"🐄.csv": {"copy": "{gen}/fmp.csv"}})
case("validate-formula-injection-cells", [*V, "{tmp}/f.csv"], 0, "valid",
     files={"f.csv": "fmp_id,name,country_iso3,lon,lat\nF1,=HYPERLINK(\"x\"),NER,8.0,16.9\nF2,+cmd|' /C calc'!A0,NER,8.1,17.0\n"})
case("validate-excel-semicolon-comma-decimals", [*V, "{tmp}/s.csv"], 0, "valid",
     files={"s.csv": "fmp_id;name;country_iso3;lon;lat\nF1;Agadez;NER;7,99;16,97\n"})
case("validate-excel-trailing-empty-columns", [*V, "{tmp}/t.csv"], 1, "have no header",
     files={"t.csv": "fmp_id,name,country_iso3,lon,lat,,,\nF1,Agadez,NER,7.99,16.97,,,\n,,,,,,,\n"})
case("validate-lon-out-of-range", [*V, "{tmp}/o.csv"], 1, "longitude",
     files={"o.csv": "fmp_id,name,country_iso3,lon,lat\nF1,Agadez,NER,700.99,16.97\n"})
case("validate-coordinates-nan-text", [*V, "{tmp}/n.csv"], 1, "lon",
     files={"n.csv": "fmp_id,name,country_iso3,lon,lat\nF1,Agadez,NER,nan,inf\n"})
case("validate-report-over-user-file", [*V, "{gen}/fmp.csv", "--report", "{tmp}/r.csv"], 1, OWN,
     files={"r.csv": USER})
case("validate-report-over-user-file-overwrite", [*V, "{gen}/fmp.csv", "--report", "{tmp}/r.csv", "--overwrite"], 0,
     "Wrote", files={"r.csv": USER}, untouched=[])
case("validate-report-is-a-folder", [*V, "{gen}/fmp.csv", "--report", "{tmp}/r.json"], 2, "is a directory",
     files={"r.json": {"dir": True}})
case("validate-to-gpkg-over-user-gpkg", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/mine.gpkg"], 1, OWN,
     files={"mine.gpkg": GOOD_GPKG})
case("validate-to-gpkg-over-user-text", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/mine.gpkg"], 1, OWN,
     files={"mine.gpkg": USER})
case("validate-to-gpkg-into-a-file-path", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/afile/x.gpkg"], 1, "afile",
     files={"afile": USER})
case("validate-to-gpkg-in-proc", [*V, "{gen}/fmp.csv", "--to-gpkg", "/proc/rdh-test/x.gpkg"], 1, "/proc")
case("validate-to-gpkg-readonly-folder", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/ro/x.gpkg"], 1, "read-only",
     files={"ro": {"dir": True}}, readonly=["ro"], root_skip=True)
case("validate-to-gpkg-nested-new-folders", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/a/b/c/x.gpkg"], 0, "Wrote")
case("validate-to-gpkg-twice-replaces-own", [*V, "{gen}/fmp.csv", "--to-gpkg", "{tmp}/x.gpkg"], 0, "Wrote",
     files={"x.gpkg": {"copy": "{data}/bad_commands/rdh_layers.gpkg"}}, untouched=[])
case("validate-invalid-writes-no-gpkg", ["validate", "--kind", "fmp_counts", "{data}/bad/negative_counts.csv",
                                         "--to-gpkg", "{tmp}/x.gpkg"], 1, "not a valid", absent=["x.gpkg"])
case("validate-canonical-places-table-as-gazetteer", [*V, "{gen}/fmp.csv", "--places", "{data}/corridors/places.csv"],
     0, "valid")
case("validate-places-not-a-gazetteer", ["validate", "--kind", "fmp_counts", "{data}/corridors/counts.csv", "--places",
                                         "{data}/corridors/counts.csv"], 1, "missing column")
case("validate-wrong-kind-for-file", ["validate", "--kind", "poe", "{gen}/fmp.csv"], 1, "missing column")
case("validate-gpkg-missing-layer", [*V, "{data}/bad/fmp_points_layer.gpkg", "--layer", "nope"], 1, "nope")
case("validate-truncated-gpkg", [*V, "{tmp}/t.gpkg"], 1, "t.gpkg",
     files={"t.gpkg": {"hex": "53514c69746520666f726d6174203300", "repeat": 3}})
case("validate-zero-byte-gpkg", [*V, "{tmp}/z.gpkg"], 1, "z.gpkg", files={"z.gpkg": ""})
case("validate-zero-byte-xlsx", [*V, "{tmp}/z.xlsx"], 1, "z.xlsx", files={"z.xlsx": ""})
case("validate-geojson-garbage", [*V, "{tmp}/g.geojson"], 1, "g.geojson", files={"g.geojson": "{\"type\": \"Feat"})
case("validate-shapefile-without-shx", [*V, "{tmp}/p.shp"], 1, "p.shp", files={"p.shp": {"hex": "0000270a", "repeat": 25}})

# --- corridors -----------------------------------------------------------------------------------
case("corridors-missing-roads", ["corridors", *CR[2:], "-o", "{tmp}/o.gpkg"], 2, "--roads")
case("corridors-missing-output", ["corridors", *CR], 2, "--output")
case("corridors-roads-not-found", corr(roads="{tmp}/none.gpkg") + ["-o", "{tmp}/o.gpkg"], 2, "does not exist")
case("corridors-roads-folder", corr(roads="{tmp}/d") + ["-o", "{tmp}/o.gpkg"], 2, "is a directory",
     files={"d": {"dir": True}})
case("corridors-roads-is-csv", corr(roads="{data}/corridors/places.csv") + ["-o", "{tmp}/o.gpkg"], 1, "places.csv",
     absent=["o.gpkg"])
case("corridors-roads-are-points", corr(roads="{data}/bad/points_as_roads.gpkg") + ["-o", "{tmp}/o.gpkg"], 1,
     "points_as_roads", absent=["o.gpkg"])
case("corridors-roads-no-crs", corr(roads="{data}/bad/no_crs/roads.shp") + ["-o", "{tmp}/o.gpkg"], 1, "CRS",
     absent=["o.gpkg"])
case("corridors-roads-zero-bytes", corr(roads="{tmp}/r.gpkg") + ["-o", "{tmp}/o.gpkg"], 1, "r.gpkg",
     files={"r.gpkg": ""}, absent=["o.gpkg"])
case("corridors-roads-corrupt", corr(roads="{tmp}/r.gpkg") + ["-o", "{tmp}/o.gpkg"], 1, "r.gpkg",
     files={"r.gpkg": {"hex": "53514c69746520666f726d6174203300ff", "repeat": 300}}, absent=["o.gpkg"])
case("corridors-roads-shapefile-without-dbf", corr(roads="{tmp}/roads.shp") + ["-o", "{tmp}/o.gpkg"], 0, "Wrote",
     files={"roads.shp": {"copy": "{data}/bad_commands/roads_nodbf/roads.shp"},
            "roads.shx": {"copy": "{data}/bad_commands/roads_nodbf/roads.shx"},
            "roads.prj": {"copy": "{data}/bad_commands/roads_nodbf/roads.prj"}})
case("corridors-roads-geometry-only-geojson", corr(roads="{data}/bad_commands/roads_geometry_only.geojson")
     + ["-o", "{tmp}/o.gpkg"], 0, "Wrote")
case("corridors-disconnected-network", corr(roads="{data}/bad_commands/roads_disconnected.gpkg")
     + ["-o", "{tmp}/o.gpkg"], 1, "not connected", absent=["o.gpkg", "o_corridor_series.csv"])
case("corridors-fmp-in-the-ocean", corr(fmp="{tmp}/fmp.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     ["farther than 25 km from the nearest road", "FMP-AGA"], absent=["o.gpkg"],
     files={"fmp.csv": "fmp_id,name,country_iso3,lon,lat\nFMP-AGA,Agadez,NER,-30.0,10.0\n"})
case("corridors-fmp-far-from-roads", corr(fmp="{tmp}/fmp.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "farther than 25 km", absent=["o.gpkg"],
     files={"fmp.csv": "fmp_id,name,country_iso3,lon,lat\nFMP-AGA,Agadez,NER,12.5,16.9\n"})
case("corridors-place-in-the-ocean", corr(places="{tmp}/places.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     ["nothing to route", "Zinder"], absent=["o.gpkg"],
     files={"places.csv": "name,lon,lat,population,country_iso3,alt_names\nAgadez,7.99,16.97,110000,NER,Agades\n"
            "Tchirozerine,7.85,17.25,20000,NER,\nArlit,7.39,18.74,130000,NER,\nIngall,6.91,16.78,50000,NER,\n"
            "Zinder,-30.5,5.0,320000,NER,\n"})
case("corridors-no-known-place", corr(places="{tmp}/places.csv") + ["-o", "{tmp}/o.gpkg"], 1, "nothing to route",
     files={"places.csv": "name,lon,lat\nNowhere,7.99,16.97\n"}, absent=["o.gpkg"])
case("corridors-counts-negative", corr(counts="{data}/bad/negative_counts.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "negative_counts.csv", absent=["o.gpkg"])
case("corridors-counts-empty", corr(counts="{data}/bad/empty.csv") + ["-o", "{tmp}/o.gpkg"], 1, "empty",
     absent=["o.gpkg"])
case("corridors-counts-header-only", corr(counts="{data}/bad/header_only.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "the table is empty", absent=["o.gpkg"])
case("corridors-counts-missing-column", corr(counts="{data}/bad/missing_column.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "missing column", absent=["o.gpkg"])
case("corridors-counts-future-dates", corr(counts="{data}/bad/future_dates.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "future_dates.csv", absent=["o.gpkg"])
case("corridors-counts-are-fmp-table", corr(counts="{data}/corridors/fmp.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "missing column", absent=["o.gpkg"])
case("corridors-counts-corrupt-xlsx", corr(counts="{data}/bad/corrupt.xlsx") + ["-o", "{tmp}/o.gpkg"], 1,
     "not a readable Excel workbook", absent=["o.gpkg"])
case("corridors-counts-old-xls", corr(counts="{data}/bad/old_format.xls") + ["-o", "{tmp}/o.gpkg"], 1, "xlsx",
     absent=["o.gpkg"])
case("corridors-counts-utf16", corr(counts="{tmp}/c.csv") + ["-o", "{tmp}/o.gpkg"], 0, "Wrote",
     files={"c.csv": {"text": "\ufefffmp_id,date,origin,destination,count\nFMP-AGA,2020-01-05,Zinder,Arlit,62\n"
                      "FMP-AGA,2020-02-05,Zinder,Ingall,29\n", "encoding": "utf-16"}})
case("corridors-fmp-missing-column", corr(fmp="{tmp}/f.csv") + ["-o", "{tmp}/o.gpkg"], 1, "missing column",
     files={"f.csv": "fmp_id,name,lon,lat\nFMP-AGA,Agadez,7.99,16.97\n"}, absent=["o.gpkg"])
case("corridors-fmp-lat-out-of-range", corr(fmp="{tmp}/f.csv") + ["-o", "{tmp}/o.gpkg"], 1, "latitude",
     files={"f.csv": "fmp_id,name,country_iso3,lon,lat\nFMP-AGA,Agadez,NER,7.99,169.7\n"}, absent=["o.gpkg"])
case("corridors-fmp-swapped-coordinates", corr(fmp="{tmp}/f.csv") + ["-o", "{tmp}/o.gpkg"], 1,
     "farther than 25 km", files={"f.csv": "fmp_id,name,country_iso3,lon,lat\nFMP-AGA,Agadez,NER,16.97,7.99\n"},
     absent=["o.gpkg"])
case("corridors-bad-period", [*corr(), "--period", "fortnight", "-o", "{tmp}/o.gpkg"], 2, "period")
case("corridors-k-zero", [*corr(), "--k", "0", "-o", "{tmp}/o.gpkg"], 2, "--k")
case("corridors-k-text", [*corr(), "--k", "x", "-o", "{tmp}/o.gpkg"], 2, "--k")
case("corridors-min-share-one", [*corr(), "--min-share", "1", "-o", "{tmp}/o.gpkg"], 2, "--min-share")
case("corridors-theta-negative", [*corr(), "--theta", "-1", "-o", "{tmp}/o.gpkg"], 2, "--theta")
case("corridors-n-boot-huge", ["corridors", *CR[:8], "--n-boot", "1000000", "-o", "{tmp}/o.gpkg"], 2, "--n-boot")
case("corridors-filter-without-equals", [*corr(), "--filter", "sex", "-o", "{tmp}/o.gpkg"], 1, "--filter")
case("corridors-filter-unknown-column", [*corr(), "--filter", "sex=nobody", "-o", "{tmp}/o.gpkg"], 1,
     "no 'sex' column", absent=["o.gpkg"])
case("corridors-filter-drops-everything", [*corr(counts="{tmp}/c.csv"), "--filter", "flow_type=outgoing",
                                          "-o", "{tmp}/o.gpkg"], 1, "no counts left after filtering", absent=["o.gpkg"],
     files={"c.csv": "fmp_id,date,origin,destination,count,flow_type\nFMP-AGA,2020-01-05,Zinder,Arlit,62,incoming\n"})
case("corridors-output-over-user-gpkg", [*corr(), "-o", "{tmp}/o.gpkg"], 1, [OWN, "o.gpkg", "--overwrite"],
     files={"o.gpkg": GOOD_GPKG})
case("corridors-output-over-user-series-csv", [*corr(), "-o", "{tmp}/o.gpkg"], 1, "o_corridor_series.csv",
     files={"o_corridor_series.csv": USER}, absent=["o.gpkg"])
case("corridors-output-over-user-chart", [*corr(), "-o", "{tmp}/o.gpkg"], 1, "o_corridor_series.png",
     files={"o_corridor_series.png": USER}, absent=["o.gpkg"])
case("corridors-overwrite-user-files", [*corr(), "-o", "{tmp}/o.gpkg", "--overwrite"], 0, "Wrote",
     files={"o.gpkg": USER, "o_corridor_series.csv": USER}, untouched=[])
case("corridors-output-is-a-folder", [*corr(), "-o", "{tmp}/o.gpkg"], 2, "is a directory",
     files={"o.gpkg": {"dir": True}})
case("corridors-output-under-a-file", [*corr(), "-o", "{tmp}/f/o.gpkg"], 1, "f", files={"f": USER})
case("corridors-output-in-proc", [*corr(), "-o", "/proc/rdh/o.gpkg"], 1, "/proc")
case("corridors-output-readonly", [*corr(), "-o", "{tmp}/ro/o.gpkg"], 1, "read-only",
     files={"ro": {"dir": True}}, readonly=["ro"], root_skip=True)
case("corridors-output-hostile-name", [*corr(), "-o", "{tmp}/ëñ 漢字 $(rm -rf) 'x'.gpkg"], 0, "Wrote")
case("corridors-output-previous-own-replaced", [*corr(), "-o", "{tmp}/o.gpkg"], 0, "Wrote",
     files={"o.gpkg": {"copy": "{data}/bad_commands/rdh_layers.gpkg"}}, untouched=[])
case("corridors-status-bad", [*corr(), "--status", "{data}/bad/unknown_poe_status.csv", "-o", "{tmp}/o.gpkg"], 1,
     "unknown_poe_status.csv", absent=["o.gpkg"])
case("corridors-stock-missing", [*corr(), "--stock", "{tmp}/none.csv", "-o", "{tmp}/o.gpkg"], 2, "does not exist")

# --- transhumance --------------------------------------------------------------------------------
T = ["transhumance", "--reports", KI]
TL = [*T, "--landcover", "{real}/landcover_igbp_0p2deg.tif", "--season", "dry", "--resolution-m", "25000"]
COSTS = {"cost.tif": {"copy": f"{D}/bad_commands/cost_ok.tif"}}
case("transhumance-no-surface", [*T, "-o", "{tmp}/t.gpkg"], 2, "exactly one of --cost or --landcover")
case("transhumance-both-surfaces", [*T, "--cost", COST, "--landcover", "{real}/landcover_igbp_0p2deg.tif",
                                    "-o", "{tmp}/t.gpkg"], 2, "exactly one", files=COSTS)
case("transhumance-landcover-without-season", [*T, "--landcover", "{real}/landcover_igbp_0p2deg.tif",
                                               "-o", "{tmp}/t.gpkg"], 2, "--season")
case("transhumance-no-reports", ["transhumance", "--cost", COST, "-o", "{tmp}/t.gpkg"], 2, "--reports", files=COSTS)
case("transhumance-reports-and-od", [*T, "--od", f"{D}/poe/od.csv", "--cost", COST, "-o", "{tmp}/t.gpkg"], 2,
     "exactly one of --reports", files=COSTS)
case("transhumance-od-without-places", ["transhumance", "--od", f"{D}/poe/od.csv", "--cost", COST,
                                        "-o", "{tmp}/t.gpkg"], 2, "--places", files=COSTS)
case("transhumance-bad-season", [*T, "--landcover", "{real}/landcover_igbp_0p2deg.tif", "--season", "rainy",
                                 "-o", "{tmp}/t.gpkg"], 2, "--season")
case("transhumance-connectivity-4", [*T, "--cost", COST, "--connectivity", "4", "-o", "{tmp}/t.gpkg"], 2,
     "--connectivity", files=COSTS)
case("transhumance-resolution-too-fine", [*T, "--cost", COST, "--resolution-m", "1", "-o", "{tmp}/t.gpkg"], 2,
     "--resolution-m", files=COSTS)
case("transhumance-band-negative", [*T, "--cost", COST, "--band-pct", "-5", "-o", "{tmp}/t.gpkg"], 2, "--band-pct",
     files=COSTS)
case("transhumance-evidence-factor-zero", [*T, "--cost", COST, "--evidence-factor", "0", "-o", "{tmp}/t.gpkg"], 2,
     "--evidence-factor", files=COSTS)
for name, why in (("nan", "no passable cell"), ("zero", "zero wherever it is passable"), ("negative", "no passable cell")):
    case(f"transhumance-cost-all-{name}", [*T, "--cost", "{tmp}/c.tif", "-o", "{tmp}/t.gpkg"], 1, why,
         files={"c.tif": {"copy": f"{D}/bad_commands/cost_{name}.tif"}}, absent=["t.gpkg", "route_density.tif"])
case("transhumance-cost-geographic", [*T, "--cost", "{real}/landcover_igbp_0p2deg.tif", "-o", "{tmp}/t.gpkg"], 1,
     "projected", absent=["t.gpkg"])
case("transhumance-cost-no-crs", [*T, "--cost", "{tmp}/c.tif", "-o", "{tmp}/t.gpkg"], 1, "no CRS",
     files={"c.tif": {"copy": f"{D}/bad_commands/cost_nocrs.tif"}}, absent=["t.gpkg"])
case("transhumance-cost-missing", [*T, "--cost", "{tmp}/none.tif", "-o", "{tmp}/t.gpkg"], 1, "none.tif")
case("transhumance-cost-not-a-tiff", [*T, "--cost", "{tmp}/c.tif", "-o", "{tmp}/t.gpkg"], 1, "c.tif",
     files={"c.tif": USER}, absent=["t.gpkg"])
case("transhumance-cost-zero-bytes", [*T, "--cost", "{tmp}/c.tif", "-o", "{tmp}/t.gpkg"], 1, "c.tif",
     files={"c.tif": ""}, absent=["t.gpkg"])
case("transhumance-reports-outside-the-cost-raster", ["transhumance", "--reports", "{tmp}/ki.csv", "--cost", COST,
                                                      "-o", "{tmp}/t.gpkg"], 1,
     ["fall outside the cost surface", "the surface x"], absent=["t.gpkg", "route_density.tif"],
     files={**COSTS, "ki.csv": "report_id,date,informant_id,lon,lat,herd_size,herd_id\n"
            "R1,2020-11-11,I1,-55.2,16.8,100,H1\nR2,2020-11-20,I1,-54.0,15.0,100,H1\n"})
case("transhumance-reports-outside-the-landcover", ["transhumance", "--reports", "{tmp}/ki.csv", *TL[3:],
                                                    "-o", "{tmp}/t.gpkg"], 1, "fall outside the cost surface",
     absent=["t.gpkg", "route_density.tif"],
     files={"ki.csv": "report_id,date,informant_id,lon,lat,herd_size,herd_id\n"
            "R1,2020-11-11,I1,-55.2,16.8,100,H1\nR2,2020-11-20,I1,-54.0,15.0,100,H1\n"})
case("transhumance-earlier-outputs-kept-when-empty", ["transhumance", "--reports", "{tmp}/ki.csv", "--cost", COST,
                                                      "-o", "{tmp}/t.gpkg"], 1, "outside the cost surface",
     files={**COSTS, "t.gpkg": {"copy": "{data}/bad_commands/rdh_layers.gpkg"},
            "ki.csv": "report_id,date,informant_id,lon,lat,herd_size,herd_id\nR1,2020-11-11,I1,-55.2,16.8,100,H1\n"},
     untouched=["t.gpkg"], absent=["route_density.tif"])
case("transhumance-reports-empty", ["transhumance", "--reports", "{data}/bad/empty.csv", "--cost", COST,
                                    "-o", "{tmp}/t.gpkg"], 1, "empty", files=COSTS, absent=["t.gpkg"])
case("transhumance-reports-header-only", ["transhumance", "--reports", "{tmp}/ki.csv", "--cost", COST,
                                          "-o", "{tmp}/t.gpkg"], 1, "the table is empty", absent=["t.gpkg"],
     files={**COSTS, "ki.csv": "report_id,date,informant_id,lon,lat,herd_size\n"})
case("transhumance-reports-wrong-kind", ["transhumance", "--reports", "{gen}/fmp_counts.csv", "--cost", COST,
                                         "-o", "{tmp}/t.gpkg"], 1, "missing column", files=COSTS, absent=["t.gpkg"])
case("transhumance-reports-bad-dates", ["transhumance", "--reports", "{tmp}/ki.csv", "--cost", COST,
                                        "-o", "{tmp}/t.gpkg"], 1, "date", absent=["t.gpkg"],
     files={**COSTS, "ki.csv": "report_id,date,informant_id,lon,lat,herd_size\nR1,31/31/2020,I1,-15,16,100\n"})
case("transhumance-reports-negative-herd", ["transhumance", "--reports", "{tmp}/ki.csv", "--cost", COST,
                                            "-o", "{tmp}/t.gpkg"], 1, "herd_size", absent=["t.gpkg"],
     files={**COSTS, "ki.csv": "report_id,date,informant_id,lon,lat,herd_size\nR1,2020-11-11,I1,-15,16,-100\n"})
case("transhumance-reports-missing-file", ["transhumance", "--reports", "{tmp}/none.csv", "--cost", COST,
                                           "-o", "{tmp}/t.gpkg"], 1, "none.csv", files=COSTS)
case("transhumance-od-unknown-places", ["transhumance", "--od", "{tmp}/od.csv", "--places",
                                        "{real}/places_geonames.csv", "--cost", COST, "-o", "{tmp}/t.gpkg"], 1,
     "gazetteer", files={**COSTS, "od.csv": "origin,destination,flow\nAtlantis,El Dorado,5\n"}, absent=["t.gpkg"])
case("transhumance-output-over-user-gpkg", [*T, "--cost", COST, "-o", "{tmp}/t.gpkg"], 1, OWN,
     files={**COSTS, "t.gpkg": USER})
case("transhumance-output-over-user-raster", [*T, "--cost", COST, "-o", "{tmp}/t.gpkg"], 1, "route_density.tif",
     files={**COSTS, "route_density.tif": USER}, absent=["t.gpkg"])
case("transhumance-output-over-user-alerts", [*T, "--cost", COST, "-o", "{tmp}/t.gpkg"], 1, "alerts.csv",
     files={**COSTS, "alerts.csv": USER}, absent=["t.gpkg"])
case("transhumance-output-over-user-style", [*T, "--cost", COST, "-o", "{tmp}/t.gpkg"], 1, "corridor_band.qml",
     files={**COSTS, "corridor_band.qml": USER}, absent=["t.gpkg"])
case("transhumance-save-cost-over-user-file", [*TL, "--save-cost", "{tmp}/c.tif", "-o", "{tmp}/t.gpkg"], 1, "c.tif",
     files={"c.tif": USER}, absent=["t.gpkg"])
case("transhumance-output-is-a-folder", [*T, "--cost", COST, "-o", "{tmp}/t"], 2, "is a directory",
     files={**COSTS, "t": {"dir": True}})
case("transhumance-bad-date", [*T, "--cost", COST, "--date", "someday", "-o", "{tmp}/t.gpkg"], 2, "someday",
     files=COSTS, absent=["t.gpkg"])
case("transhumance-poe-missing", [*T, "--cost", COST, "--poe", "{tmp}/none.csv", "-o", "{tmp}/t.gpkg"], 1,
     "none.csv", files=COSTS, absent=["t.gpkg"])
case("transhumance-weights-not-toml", [*TL, "--weights", "{tmp}/w.toml", "-o", "{tmp}/t.gpkg"], 1, "w.toml",
     files={"w.toml": "[[[\n"}, absent=["t.gpkg"])

# --- poe-impact ----------------------------------------------------------------------------------
P = ["poe-impact", *POE]
case("poe-impact-no-flows", ["poe-impact", *POE[:8], "-o", "{tmp}/i.gpkg"], 2, "exactly one of --od")
case("poe-impact-two-flows", [*P, "--flows", "{tmp}/f.gpkg", "-o", "{tmp}/i.gpkg"], 2, "exactly one of --od",
     files={"f.gpkg": GOOD_GPKG})
case("poe-impact-date-without-status", ["poe-impact", *POE[:6], *POE[8:], "--date", "2020-04-15",
                                        "-o", "{tmp}/i.gpkg"], 2, "need --status")
case("poe-impact-bad-date", [*P, "--date", "15/04/2020", "-o", "{tmp}/i.gpkg"], 2, "--date")
case("poe-impact-bad-scheduler", [*P, "--scheduler", "mars", "-o", "{tmp}/i.gpkg"], 2, "--scheduler")
case("poe-impact-workers-zero", [*P, "--workers", "0", "-o", "{tmp}/i.gpkg"], 2, "--workers")
case("poe-impact-capacity-above-one", [*P, "--partial-capacity", "2", "-o", "{tmp}/i.gpkg"], 2, "--partial-capacity")
case("poe-impact-uncertainty-negative", [*P, "--uncertainty", "-0.1", "-o", "{tmp}/i.gpkg"], 2, "--uncertainty")
case("poe-impact-poe-missing", ["poe-impact", *POE[:4], "--poe", "{tmp}/none.csv", *POE[6:], "-o", "{tmp}/i.gpkg"],
     2, "does not exist")
case("poe-impact-poe-bad-type", ["poe-impact", *POE[:4], "--poe", "{data}/bad/unknown_poe_type.csv", *POE[6:],
                                 "-o", "{tmp}/i.gpkg"], 1, "unknown_poe_type.csv", absent=["i.gpkg"])
case("poe-impact-poe-lat-out-of-range", ["poe-impact", *POE[:4], "--poe", "{data}/bad/lat_out_of_range.csv",
                                         *POE[6:], "-o", "{tmp}/i.gpkg"], 1, "latitude", absent=["i.gpkg"])
case("poe-impact-poe-duplicates", ["poe-impact", *POE[:4], "--poe", "{data}/bad/duplicate_ids.csv", *POE[6:],
                                   "-o", "{tmp}/i.gpkg"], 1, "duplicate", absent=["i.gpkg"])
case("poe-impact-status-unknown", ["poe-impact", *POE[:6], "--status", "{data}/bad/unknown_poe_status.csv",
                                   *POE[8:], "-o", "{tmp}/i.gpkg"], 1, "unknown_poe_status.csv", absent=["i.gpkg"])
case("poe-impact-status-valid-to-before-from", ["poe-impact", *POE[:6], "--status",
                                                "{data}/bad/valid_to_before_from.csv", *POE[8:], "-o",
                                                "{tmp}/i.gpkg"], 1, "valid_to_before_from.csv", absent=["i.gpkg"])
case("poe-impact-od-unknown-places", ["poe-impact", *POE[:8], "--od", "{tmp}/od.csv", *POE[10:],
                                      "-o", "{tmp}/i.gpkg"], 1, "no OD row could be placed",
     files={"od.csv": "origin,destination,flow\nAtlantis,El Dorado,5\n"}, absent=["i.gpkg"])
case("poe-impact-od-negative-flow", ["poe-impact", *POE[:8], "--od", "{tmp}/od.csv", *POE[10:],
                                     "-o", "{tmp}/i.gpkg"], 1, "flow",
     files={"od.csv": "origin,destination,flow\nDakar,Banjul,-5\n"}, absent=["i.gpkg"])
case("poe-impact-od-empty", ["poe-impact", *POE[:8], "--od", "{data}/bad/empty.csv", *POE[10:],
                             "-o", "{tmp}/i.gpkg"], 1, "empty", absent=["i.gpkg"])
case("poe-impact-no-border-crossings", ["poe-impact", "--roads", "{data}/bad_commands/roads_no_crossings.gpkg",
                                        *POE[2:], "-o", "{tmp}/i.gpkg"], 1, "no border crossing",
     absent=["i.gpkg", "i_map.png"], marks=["slow"])
case("poe-impact-flows-without-od-layer", ["poe-impact", *POE[:8], "--flows", "{data}/bad/fmp_points_layer.gpkg",
                                           *POE[10:], "-o", "{tmp}/i.gpkg"], 1, "od_flows", absent=["i.gpkg"])
case("poe-impact-herds-without-routes", ["poe-impact", *POE[:8], "--herds", "{data}/bad/fmp_points_layer.gpkg",
                                         *POE[10:], "-o", "{tmp}/i.gpkg"], 1, "herd_routes", absent=["i.gpkg"])
case("poe-impact-scenario-missing-columns", [*P, "--scenario", "{tmp}/s.csv", "-o", "{tmp}/i.gpkg"], 1,
     "poe_id and status", files={"s.csv": "id,state\nX,closed\n"}, absent=["i.gpkg"])
case("poe-impact-scenario-bad-status", [*P, "--scenario", "{tmp}/s.csv", "-o", "{tmp}/i.gpkg"], 1,
     "status must be one of", files={"s.csv": "poe_id,status\nSEN-GMB-KAR,shut\n"}, absent=["i.gpkg"])
case("poe-impact-roads-layer-missing", [*P, "--roads-layer", "nope", "-o", "{tmp}/i.gpkg"], 1, "nope",
     absent=["i.gpkg"])
case("poe-impact-output-over-user-gpkg", [*P, "-o", "{tmp}/i.gpkg"], 1, OWN, files={"i.gpkg": USER})
case("poe-impact-map-over-user-png", [*P, "-o", "{tmp}/i.gpkg"], 1, "i_map.png", files={"i_map.png": USER},
     absent=["i.gpkg"])
case("poe-impact-chart-over-user-png", [*P, "--date", "2020-04-15", "--timeline", "--chart", "{tmp}/c.png",
                                        "-o", "{tmp}/i.gpkg"], 1, "c.png", files={"c.png": USER}, absent=["i.gpkg"])
case("poe-impact-output-is-a-folder", [*P, "-o", "{tmp}/i.gpkg"], 2, "is a directory", files={"i.gpkg": {"dir": True}})

# --- export --------------------------------------------------------------------------------------
SRC = {"src.gpkg": {"copy": f"{D}/bad_commands/rdh_layers.gpkg"}}
E = ["export", "{tmp}/src.gpkg", "--no-qgis"]
for tid, theme, why in (("dot", ".", "starts with a dot"), ("dotdot", "..", "starts with a dot"),
                        ("hidden", ".hidden", "starts with a dot"), ("slash", "a/b", "path separator"),
                        ("backslash", "a\\b", "path separator"), ("parent", "../up", "starts with a dot"),
                        ("absolute", "/etc", "path separator"), ("con", "CON", "reserved"),
                        ("com1-ext", "com1.txt", "reserved"), ("nul", "nul", "reserved"),
                        ("long", "x" * 65, "longer than 64"), ("newline", "a\nb", "control character"),
                        ("tab", "a\tb", "control character"), ("empty", "", "is empty"),
                        ("spaces", "   ", "is empty"), ("trailing-dot", "theme.", "ends with a dot"),
                        ("colon", "c:x", "path separator"), ("star", "a*", "path separator")):
    case(f"export-theme-{tid}", [*E, "-o", "{tmp}/out", "--theme", theme], 2, why, files=SRC, absent=["out"])
case("export-default-theme-is-a-user-folder", ["export", "{tmp}/src.gpkg", "--no-qgis", "-o", "{tmp}"], 1,
     [OWN, "--overwrite"], files={**SRC, "src/precious.txt": USER}, untouched=["src/precious.txt", "src"])
case("export-theme-documents-in-home", [*E, "-o", "{tmp}", "--theme", "Documents"], 1, OWN,
     files={**SRC, "Documents/thesis.odt": USER}, untouched=["Documents/thesis.odt", "Documents"])
case("export-over-a-user-file", [*E, "-o", "{tmp}", "--theme", "note"], 1, "is a file",
     files={**SRC, "note": USER})
case("export-output-is-a-file", [*E, "-o", "{tmp}/file", "--theme", "t"], 2, "file",
     files={**SRC, "file": USER})
case("export-overwrite-user-folder", [*E, "-o", "{tmp}", "--theme", "old", "--overwrite"], 0, "Wrote",
     files={**SRC, "old/x.txt": USER}, untouched=[])
case("export-replaces-previous-bundle", [*E, "-o", "{tmp}", "--theme", "b"], 0, "Wrote",
     files={**SRC, "b/bundle.json": "{\"format\": \"rdh-publication-bundle\", \"theme\": \"b\"}"}, untouched=[])
case("export-input-not-gpkg", ["export", "{data}/corridors/places.csv", "--no-qgis", "-o", "{tmp}/out"], 1,
     "places.csv", absent=["out"])
case("export-input-corrupt", ["export", "{tmp}/c.gpkg", "--no-qgis", "-o", "{tmp}/out"], 1, "c.gpkg",
     files={"c.gpkg": {"hex": "53514c69746520666f726d6174203300ff", "repeat": 300}}, absent=["out"])
case("export-input-zero-bytes", ["export", "{tmp}/c.gpkg", "--no-qgis", "-o", "{tmp}/out"], 1, "c.gpkg",
     files={"c.gpkg": ""}, absent=["out"])
case("export-table-layer-named", ["export", "{tmp}/i.gpkg", "--no-qgis", "-o", "{tmp}/out"], 1,
     ["'timeline'", "--layer"], files={"i.gpkg": {"copy": f"{D}/bad_commands/table_layer.gpkg"}}, absent=["out"])
case("export-layer-missing", [*E, "-o", "{tmp}/out", "--layer", "nope"], 1, "nope", files=SRC, absent=["out"])
case("export-raster-missing", [*E, "-o", "{tmp}/out", "--raster", "{tmp}/none.tif"], 2, "does not exist",
     files=SRC)
case("export-raster-not-a-tiff", [*E, "-o", "{tmp}/out", "--raster", "{tmp}/r.tif"], 1, "r.tif",
     files={**SRC, "r.tif": USER}, absent=["out"])
case("export-threshold-zero", [*E, "-o", "{tmp}/out", "--threshold", "0"], 2, "--threshold", files=SRC)
case("export-grid-negative", [*E, "-o", "{tmp}/out", "--grid-deg", "-1"], 2, "--grid-deg", files=SRC)
case("export-input-missing", ["export", "{tmp}/none.gpkg", "-o", "{tmp}/out"], 2, "does not exist")

# --- publish (QGIS side; argument checks come first) ---------------------------------------------
B = {"b/bundle.json": "{\"format\": \"rdh-publication-bundle\", \"theme\": \"b\", \"classification\": \"public\"}"}
case("publish-not-a-bundle", ["publish", "{tmp}/d"], 1, "not an RDH publication bundle", files={"d/x.txt": USER},
     untouched=["d/x.txt"])
case("publish-missing-folder", ["publish", "{tmp}/none"], 2, "does not exist")
for sid, address in (("nonsense", "nonsense"), ("ipv6-any", "[::]:8015"), ("no-port", "127.0.0.1"),
                     ("port-zero", "127.0.0.1:0"), ("port-too-big", "127.0.0.1:99999"), ("port-text", "127.0.0.1:http"),
                     ("empty-host", ":8015"), ("hostname", "example.org:8015"), ("url", "http://127.0.0.1:8015/")):
    case(f"publish-serve-{sid}", ["publish", "{tmp}/b", "--serve", address], 2, "HOST:PORT", files=B)
case("publish-serve-any-interface-needs-public-bind", ["publish", "{tmp}/b", "--serve", "0.0.0.0:8015"], 2,
     "--public-bind", files=B)
case("publish-serve-lan-address-needs-public-bind", ["publish", "{tmp}/b", "--serve", "192.168.1.20:8015"], 2,
     "--public-bind", files=B)
case("publish-internal-bundle-refused", ["publish", "{tmp}/b"], 1, "internal",
     files={"b/bundle.json": "{\"format\": \"rdh-publication-bundle\", \"theme\": \"b\", \"classification\": \"internal\"}"})

# --- map / atlas (QGIS) --------------------------------------------------------------------------
M = ["map", "-p", "{tmp}/src.gpkg", "--dpi", "50"]
case("map-over-user-pdf", [*M, "-o", "{tmp}/m.pdf"], 1, OWN, files={**SRC, "m.pdf": USER})
case("map-over-user-png", [*M, "-o", "{tmp}/m.png"], 1, OWN, files={**SRC, "m.png": USER})
case("map-wrong-suffix", [*M, "-o", "{tmp}/m.txt"], 1, "give a .pdf or .png", files=SRC, absent=["m.txt"])
case("map-unknown-layer", [*M, "--layers", "nope", "-o", "{tmp}/m.pdf"], 1, "nope", files=SRC, absent=["m.pdf"])
case("map-unknown-template", [*M, "-t", "a9-round", "-o", "{tmp}/m.pdf"], 1, "unknown template", files=SRC,
     absent=["m.pdf"])
case("map-project-not-gpkg", ["map", "-p", "{tmp}/x.gpkg", "-o", "{tmp}/m.pdf"], 1, "x.gpkg",
     files={"x.gpkg": USER}, absent=["m.pdf"])
case("map-dpi-too-low", [*M[:3], "--dpi", "5", "-o", "{tmp}/m.pdf"], 2, "--dpi", files=SRC)
case("map-filter-without-extent", [*M, "--filter", "1=1", "-o", "{tmp}/m.pdf"], 2, "--extent-of", files=SRC)
A = ["atlas", "-p", "{tmp}/src.gpkg", "--dpi", "50"]
case("atlas-over-user-pdf", [*A, "--coverage", "fmp", "-o", "{tmp}/a.pdf"], 1, OWN, files={**SRC, "a.pdf": USER})
case("atlas-unknown-coverage", [*A, "--coverage", "nope", "-o", "{tmp}/a.pdf"], 1, "nope", files=SRC,
     absent=["a.pdf"])
case("atlas-filter-matches-nothing", [*A, "--coverage", "fmp", "--filter", "1 = 0", "-o", "{tmp}/a.pdf"], 1,
     "no page", files=SRC, absent=["a.pdf"])
case("atlas-format-without-per-page", [*A, "--coverage", "fmp", "--format", "png", "-o", "{tmp}/a.pdf"], 2,
     "--per-page", files=SRC)

# --- provenance ----------------------------------------------------------------------------------
case("provenance-missing-file", ["provenance", "{tmp}/none.gpkg"], 2, "does not exist")
case("provenance-not-a-gpkg", ["provenance", "{tmp}/x.gpkg"], 1, "x.gpkg", files={"x.gpkg": USER})
case("provenance-csv", ["provenance", "{data}/corridors/places.csv"], 1, "places.csv")
case("provenance-user-gpkg-without-record", ["provenance", "{data}/bad/fmp_points_layer.gpkg"], 1,
     "carries no RDH provenance")
case("provenance-layer-missing", ["provenance", "{tmp}/src.gpkg", "--layer", "nope"], 1, "nope", files=SRC)

# --- sample, bench, demo -------------------------------------------------------------------------
case("sample-generate-not-sample-data", ["sample", "generate", "--data", "{tmp}", "--out", "{tmp}/g"], 2,
     "not the RDH sample data folder", absent=["g"])
case("sample-generate-over-user-counts", ["sample", "generate", "--out", "{tmp}/g"], 1,
     [OWN, "fmp_counts.csv"], files={"g/fmp_counts.csv": USER, "g/notes.txt": USER})
case("sample-generate-over-user-truth", ["sample", "generate", "--out", "{tmp}/g"], 1, "od_flows.csv",
     files={"g/truth/od_flows.csv": USER})
case("sample-generate-out-is-a-file", ["sample", "generate", "--out", "{tmp}/g"], 2, "g", files={"g": USER})
case("bench-json-over-user-file", ["bench", "--quick", "--json", "{tmp}/b.json"], 1, OWN, files={"b.json": USER})
case("bench-json-is-a-folder", ["bench", "--quick", "--json", "{tmp}/b.json"], 2, "b.json",
     files={"b.json": {"dir": True}})
case("demo-unknown-step", ["demo", "--steps", "nope", "--output", "{tmp}/o"], 2, "nope", absent=["o"])
case("demo-data-missing", ["demo", "--data", "{tmp}/none", "--output", "{tmp}/o"], 2, "none")


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


HEADER = '''# The hostile-input corpus over every `rdh` command (tests/test_bad_input_commands.py runs it).
# One [[case]] per run; adding a case adds a test, no code:
#   id        unique name
#   args      the command line after `rdh`; {tmp} is the case's own empty folder, {data} tests/data,
#             {real} sample_data/real, {gen} sample_data/generated, {repo} the repository
#   exit      expected exit code: 0 ok, 1 invalid data / failed or empty analysis / output refused, 2 usage
#   message   text (or list of texts) the output must contain (case-insensitive)
#   files     the user's files made in {tmp} first: "text", or {text, repeat, encoding}, {hex, repeat},
#             {copy = "path"}, {dir = true}; they must be unchanged afterwards unless `untouched` says
#             which ones to check instead
#   absent    files that must not exist afterwards (nothing written on an error)
#   readonly  folders made read-only for the run; root_skip: skip when running as root
#   marks     pytest marks (e.g. ["slow"]); map/atlas/publish cases are marked qgis
# Every case also checks: no traceback, no "internal error", no temporary file left behind.
# (make_cases.py in this folder wrote the first version; edit either.)
'''

if __name__ == "__main__":
    print(HEADER)
    for c in CASES:
        print("[[case]]")
        for key, value in c.items():
            print(f"{key} = {toml_value(value)}")
        print()
