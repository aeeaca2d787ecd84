"""`rdh atlas` on the demo's styled GeoPackage: one page per WCA country, in English and French."""
import numpy as np
import pytest
from PIL import Image

from rdh_qgis_plugin.layouts import texts as map_texts

from ._maps import WCA, assert_not_blank, page_count, page_texts, query, rdh, rdh_in_process, render_page


def wca_countries(gpkg, lang="en"):
    """The atlas' page names: the WCA countries' official names in ``lang``, in page order."""
    rows = query(gpkg, "SELECT country_iso3, name FROM admin0 WHERE region_group = 'WCA'")
    return sorted(map_texts.country_name(iso, lang, name) for iso, name in rows)

LEGEND = {
    "en": ["Legend", "Roads", "Road", "Countries", "Missing Migrants incidents"],
    "fr": ["Légende", "Routes", "Route", "Pays", "Incidents Migrants disparus"],
}
FURNITURE = {
    "en": ["Migration in West and Central Africa", "Period: 2024-01 to 2024-06", "Sources:", "Produced:",
           "The boundaries and names shown and the designations used on this map do not imply official "
           "endorsement or acceptance by IOM."],
    "fr": ["Migrations en Afrique de l'Ouest et du Centre", "Période : 2024-01 to 2024-06", "Sources :",
           "Réalisation :", "Les frontières et les noms indiqués et les désignations employées sur cette carte "
           "n'impliquent pas reconnaissance ou acceptation officielle de la part de l'OIM."],
}
CREDITS = {"en": ["Natural Earth", "IOM Missing Migrants Project", "© OpenStreetMap contributors"],
           "fr": ["Natural Earth", "OIM, Projet Migrants disparus", "© contributeurs d'OpenStreetMap"]}
# Fewer layers than the demo's maps keep the test quick (places are the slowest to draw and filter).
LAYERS = "mmp_incidents,roads,admin0"


@pytest.fixture(scope="module", params=["en", "fr"])
def atlas(request, demo_output, tmp_path_factory):
    lang = request.param
    pdf = tmp_path_factory.mktemp(f"atlas-{lang}") / f"atlas_{lang}.pdf"
    result = rdh("atlas", "-p", demo_output / "rdh_sources.gpkg", "--layers", LAYERS, "--coverage", "admin0",
                 "--filter", WCA, "--lang", lang, "--period", "2024-01 to 2024-06", "-o", pdf)
    assert result.returncode == 0, result.stderr
    return lang, pdf, page_texts(pdf)


def test_one_page_per_coverage_feature(atlas, demo_output):
    _, pdf, texts = atlas
    countries = wca_countries(demo_output / "rdh_sources.gpkg")
    assert len(countries) == 24
    assert page_count(pdf) == len(countries) == len(texts)


def test_page_titles_name_their_country_in_order(atlas, demo_output):
    lang, _, texts = atlas
    countries = wca_countries(demo_output / "rdh_sources.gpkg", lang)
    title = FURNITURE[lang][0]
    for country, text in zip(countries, texts):   # pages are sorted by the page name
        assert f"{title} — {country}" in text


def test_legend_furniture_and_credits_are_readable_text(atlas, demo_output):
    lang, _, texts = atlas
    legend_title, countries = LEGEND[lang][0], LEGEND[lang][3]
    for text in texts:
        for expected in [legend_title, countries] + FURNITURE[lang] + CREDITS[lang]:
            assert expected in text, f"{expected!r} missing"
        assert "GeoNames" not in text, "places are not shown (--layers), so not credited"
    niger = dict(zip(wca_countries(demo_output / "rdh_sources.gpkg", lang), texts))["Niger"]
    for entry in LEGEND[lang]:
        assert entry in niger


def test_legend_lists_only_what_the_page_shows(atlas, demo_output):
    """Sao Tome and Principe is an island with no Missing Migrants incident anywhere near it, so its
    page's legend has no incident entry; Niger's (the Sahara route) has one."""
    lang, _, texts = atlas
    gpkg = demo_output / "rdh_sources.gpkg"
    near_sao_tome = query(gpkg, "SELECT count(*) FROM mmp_incidents WHERE lon BETWEEN 5 AND 8.5 "
                                "AND lat BETWEEN -1 AND 2.5")[0][0]
    assert near_sao_tome == 0
    by_country = dict(zip(wca_countries(gpkg, lang), texts))
    incidents = LEGEND[lang][4]
    assert incidents in by_country["Niger"]
    assert incidents not in by_country[map_texts.country_name("STP", lang)]


def test_rendered_page_is_a_map_not_blank(atlas, tmp_path):
    _, pdf, _ = atlas
    assert_not_blank(render_page(pdf, 1, tmp_path))


def test_partial_export_per_page_pdf_and_png(demo_output, tmp_path):
    pages = tmp_path / "pages"
    result = rdh("atlas", "-p", demo_output / "rdh_sources.gpkg", "--layers", "roads,admin0", "--coverage", "admin0",
                 "--filter", "country_iso3 IN ('MLI', 'SEN')", "--per-page", "--format", "pdf",
                 "--format", "png", "--template", "a4-portrait", "--dpi", "60", "-o", pages)
    assert result.returncode == 0, result.stderr
    pdfs, pngs = sorted(pages.glob("*.pdf")), sorted(pages.glob("*.png"))
    assert [p.name for p in pdfs] == ["001_Mali.pdf", "002_Senegal.pdf"]
    assert [p.stem for p in pngs] == [p.stem for p in pdfs]
    assert not [p for p in pages.iterdir() if p.name.startswith(".") and p.name != ".rdh-outputs.json"], \
        "staging files left behind"
    for pdf, country in zip(pdfs, ["Mali", "Senegal"]):
        assert page_count(pdf) == 1
        assert f"— {country}" in page_texts(pdf)[0]
    with Image.open(pngs[0]) as image:   # A4 portrait at 60 dpi (QGIS truncates to whole pixels)
        width, height = image.size
        assert abs(width - 210 / 25.4 * 60) <= 1 and abs(height - 297 / 25.4 * 60) <= 1
        assert_not_blank(np.asarray(image.convert("RGB")))


@pytest.mark.parametrize("args, message", [
    (["--coverage", "corridors"], "no layer named 'corridors'"),
    (["--coverage", "admin0", "--filter", "region_group = "], "invalid filter expression"),
    (["--coverage", "admin0", "--filter", "region_group = 'NOWHERE'"], "the atlas has no page"),
])
def test_bad_atlas_requests_fail_with_a_clear_message(demo_output, tmp_path, capsys, args, message):
    code, stderr = rdh_in_process(["atlas", "-p", demo_output / "rdh_sources.gpkg", *args, "-o", tmp_path / "a.pdf"],
                                  capsys)
    assert code == 1
    assert message in stderr
    assert not (tmp_path / "a.pdf").exists()
