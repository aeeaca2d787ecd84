"""Readers, aliases, kind guessing, reports and the gazetteer, on small hand-made inputs."""
import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from rdh_engine.errors import CRSError, InputNotFoundError, ParameterError, SchemaError
from rdh_engine.io import read_table, validate
from rdh_engine.io.gazetteer import Gazetteer
from rdh_engine.io.report import MAX_ROWS_PER_RULE, Report, issues_frame
from rdh_engine.io.schemas import KINDS, column_mapping, header_key
from rdh_engine.io.tables import detect_encoding, read_vector, sniff_delimiter
from rdh_engine.io.validation import guess_kind, read_source, validate_file

FMP = "fmp_id,name,country_iso3,lon,lat\nNER-SEG,Séguédine,NER,12.98,20.2\n"


@pytest.mark.parametrize(("data", "expected"), [
    (FMP.encode("utf-8"), "utf-8-sig"), (b"\xef\xbb\xbf" + FMP.encode("utf-8"), "utf-8-sig"),
    (FMP.encode("cp1252"), "cp1252"), (FMP.encode("utf-16"), "utf-16"), ("é\x81".encode("latin-1"), "latin-1")])
def test_encoding_detection(tmp_path, data, expected):
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    assert detect_encoding(path) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_accents_survive_every_encoding(tmp_path, encoding):
    path = tmp_path / "fmp.csv"
    path.write_bytes(FMP.encode(encoding))
    assert read_table(path)["name"].tolist() == ["Séguédine"]


def test_delimiter_sniffing():
    assert sniff_delimiter("a;b;c\n") == ";"
    assert sniff_delimiter("a\tb\n") == "\t"
    assert sniff_delimiter("single\n") == ","


def test_header_matching_is_accent_case_and_punctuation_insensitive():
    assert header_key(" Date début ") == "date_debut"
    mapping = column_mapping(["Pays", "LONGITUDE", "lat", "Nom", "Code FMP", "extra"], "fmp")
    assert mapping == {"Pays": "country_iso3", "LONGITUDE": "lon", "lat": "lat", "Nom": "name",
                       "Code FMP": "fmp_id"}
    # The first alias listed wins: MMP's iso3 column over its country-name column.
    assert column_mapping(["country", "iso3"], "mmp") == {"iso3": "country_iso3"}
    assert column_mapping(["x", "y", "nombre"], "fmp_counts") == {"nombre": "count"}


def test_validate_keeps_extra_columns_and_canonical_types():
    df = pd.DataFrame({"Code FMP": ["A"], "Date": ["31/12/2024"], "Origine": ["Agadez"], "Destination": ["Arlit"],
                       "Effectif": ["1 200"], "Type de flux": ["Entrant"], "note": ["kept"]})
    out = validate(df, "fmp_counts")
    assert list(out.columns) == ["fmp_id", "date", "origin", "destination", "count", "flow_type", "note"]
    assert out["date"].iloc[0] == pd.Timestamp("2024-12-31")
    assert out["count"].iloc[0] == 1200 and out["flow_type"].iloc[0] == "incoming"


def test_schema_error_carries_rows_and_columns():
    df = pd.DataFrame({"poe_id": ["A", "B"], "status": ["open", "bof"], "valid_from": ["2020-01-01", "x"]})
    with pytest.raises(SchemaError) as exc:
        validate(df, "poe_status", path="status.csv")
    failures = exc.value.failures
    assert set(zip(failures["row"], failures["column"])) == {(3, "status"), (3, "valid_from")}
    assert "status.csv" in str(exc.value) and "row 3" in str(exc.value)


def test_every_kind_has_a_schema_and_a_good_sample(repo):
    good = {p.stem for p in (repo / "tests" / "data" / "good").iterdir()}
    assert set(KINDS) == good


@pytest.mark.parametrize(("columns", "kind"), [
    (["fmp_id", "name", "country_iso3", "lon", "lat"], "fmp"), (["name", "lon", "lat"], "places"),
    (["Code FMP", "Date", "Origine", "Destination", "Effectif"], "fmp_counts"),
    (["pays_origine", "pays_destination", "mois", "nombre"], "movements")])
def test_guess_kind(columns, kind):
    assert guess_kind(columns) == kind


def test_guess_kind_refuses_ambiguity_and_nonsense():
    with pytest.raises(ParameterError, match="several kinds"):
        guess_kind(["poe_id", "status", "valid_from", "origin", "destination", "flow"])
    with pytest.raises(ParameterError, match="closest is"):
        guess_kind(["colour", "size"])


def test_vector_layers_are_transformed_to_wgs84(tmp_path):
    path = tmp_path / "fmp.gpkg"
    gpd.GeoDataFrame({"fmp_id": ["A"], "name": ["Arlit"], "country_iso3": ["NER"]},
                     geometry=[Point(7.38528, 18.73694)], crs="EPSG:4326").to_crs("EPSG:32632").to_file(path)
    gdf = read_vector(path)
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.x.iloc[0] == pytest.approx(7.38528)
    report, layer = validate_file(path, kind="fmp", admin=None, keep=True)
    assert report.ok and layer["lon"].iloc[0] == pytest.approx(7.38528)


def test_missing_file_and_crs_errors(tmp_path, repo):
    with pytest.raises(InputNotFoundError):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(CRSError, match="no CRS"):
        read_vector(repo / "tests" / "data" / "bad" / "no_crs" / "roads.shp")


def test_report_caps_stored_rows_but_counts_all(tmp_path):
    report = Report(path="x.csv", kind="fmp_counts", rows=5000)
    report.add(issues_frame("negative count", range(2, 3002), column="count", severity="error"))
    assert report.errors == 3000 and len(report.frame()) == MAX_ROWS_PER_RULE
    assert "... and 2980 more" in report.text()
    table = pd.read_csv(report.write(tmp_path / "r.csv"))
    assert list(table.columns) == ["severity", "rule", "column", "row", "value"] and len(table) == 1000
    record = json.loads(report.write(tmp_path / "r.json").read_text())
    assert record["valid"] is False and record["errors"] == 3000
    with pytest.raises(ParameterError):
        report.write(tmp_path / "r.txt")


def test_read_source_returns_points_and_raises_on_bad_files(repo):
    fmp = read_source(repo / "tests" / "data" / "good" / "fmp.csv", "fmp", admin=None, places=None)
    assert fmp.crs.to_epsg() == 4326 and fmp.geometry.geom_type.eq("Point").all()
    with pytest.raises(SchemaError, match="negative count"):
        read_source(repo / "tests" / "data" / "bad" / "negative_counts.csv", "fmp_counts", admin=None, places=None)


@pytest.fixture(scope="module")
def gazetteer(sample_data):
    return Gazetteer.load(sample_data / "real" / "places_geonames.csv",
                          admin_path=sample_data / "real" / "admin.gpkg")


@pytest.mark.parametrize(("name", "place"), [
    ("AGADES", "Agadez"), ("Agadès", "Agadez"), ("Tombouctou", "Timbuktu"), ("timbuktu", "Timbuktu"),
    ("  niamey ", "Niamey"), ("Oudalan", "Oudalan")])
def test_gazetteer_resolves_accents_case_and_french_english_names(gazetteer, name, place):
    match = gazetteer.lookup(name)
    assert match is not None and match.place == place


def test_gazetteer_prefers_the_given_country_and_suggests(gazetteer):
    assert gazetteer.lookup("Niamey", country_iso3="MLI") is None
    assert gazetteer.lookup("Niamey", country_iso3="NER").country_iso3 == "NER"
    resolved, unresolved = gazetteer.resolve(["Niamey", "Ouaga", "Niamey", None])
    assert resolved["name"].tolist() == ["Niamey"]
    assert unresolved["name"].tolist() == ["Ouaga"] and unresolved["suggestions"].iloc[0]


def test_demo_readers_still_work(sample_data):
    from rdh_engine.io import sources

    layers = sources.load_sample_sources(sample_data)
    assert len(layers["places"]) == 8136 and len(layers["mmp_incidents"]) == 5656
    assert layers["places"]["country_iso3"].notna().all()


def test_workbook_with_a_number_beyond_float_range_is_a_schema_error(tmp_path):
    """Found by hypothesis: openpyxl reads 1.79e308 back as inf and pandas then overflows."""
    import openpyxl

    from rdh_engine.errors import SchemaError
    from rdh_engine.io.tables import read_table

    book = openpyxl.Workbook()
    book.active.append(["fmp_id", "name", "country_iso3", "lon", "lat", "active_from"])
    book.active.append(["F1", "Arlit", "NER", 7.4, 18.7, 1.7976931348623157e308])
    book.save(tmp_path / "fmp.xlsx")
    with pytest.raises(SchemaError, match="too large"):
        read_table(tmp_path / "fmp.xlsx")
