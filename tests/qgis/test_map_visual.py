"""Visual regression of the hub's maps: the overview map and two atlas pages, in English and
French, rendered at a small resolution and compared with the reference images committed in
tests/qgis/reference/ (pixel difference with a tolerance; the production-date line is masked).
Text checks read the PDFs back with pdftotext: French pages carry French words and no English ones.

After an intended change of the maps, look at the new images and refresh the references with
``RDH_UPDATE_REFERENCES=1 make test PYTEST_ARGS="tests/qgis/test_map_visual.py"``.
"""
import os
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ._maps import WCA, page_texts, rdh

REFERENCE = Path(__file__).resolve().parent / "reference"
DPI = 50
LAYERS = "mmp_incidents,roads,admin0"
# Pixels whose channels differ by more than TONE are "changed"; a page may change at most SHARE of them
# (antialiasing and font hinting differ slightly between machines, a lost legend or label does not).
TONE = 48
SHARE = 0.02
DATE_STRIP_MM = 8   # the production-date line at the foot of the page changes every day: masked

WORDS = {
    "en": ["Legend", "Roads", "Countries", "Sources:", "Produced:", "Missing Migrants incidents"],
    "fr": ["Légende", "Routes", "Pays", "Sources :", "Réalisation :", "Incidents Migrants disparus"],
}
ENGLISH_ONLY = ["Legend", "Roads", "Countries", "Produced", "persons", "dead", "Road ", "World Bank",
                "contributors", "Missing Migrants Project", "Chad", "Algeria", "Mauritania", "Senegal", "Period:"]


@pytest.fixture(scope="module", params=["en", "fr"])
def rendered(request, demo_output, tmp_path_factory):
    """The overview map (PNG + PDF) and two atlas pages (PNG + PDF) in one language."""
    lang = request.param
    out = tmp_path_factory.mktemp(f"visual-{lang}")
    sources = demo_output / "rdh_sources.gpkg"
    result = rdh("map", "-p", sources, "--layers", LAYERS, "--extent-of", "admin0", "--filter", WCA,
                 "--lang", lang, "--period", "2014-2024", "--dpi", DPI,
                 "-o", out / f"overview_{lang}.png", "-o", out / f"overview_{lang}.pdf")
    assert result.returncode == 0, result.stderr
    result = rdh("atlas", "-p", sources, "--layers", LAYERS, "--coverage", "admin0", "--lang", lang,
                 "--filter", "country_iso3 IN ('NER', 'SEN')", "--per-page", "--format", "png", "--format", "pdf",
                 "--period", "2014-2024", "--dpi", DPI, "-o", out / "atlas")
    assert result.returncode == 0, result.stderr
    return lang, out


def _compare(image_path, reference_path):
    with Image.open(image_path) as image:
        pixels = np.asarray(image.convert("RGB")).astype(int)
    if os.environ.get("RDH_UPDATE_REFERENCES") or not reference_path.exists():
        reference_path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(pixels.astype(np.uint8)).save(reference_path, optimize=True)
        if not os.environ.get("RDH_UPDATE_REFERENCES"):
            pytest.fail(f"no reference image {reference_path.name}: written now, look at it and commit it")
        return
    with Image.open(reference_path) as reference:
        expected = np.asarray(reference.convert("RGB")).astype(int)
    assert pixels.shape == expected.shape, f"page size changed: {pixels.shape} vs {expected.shape}"
    mask = np.ones(pixels.shape[:2], dtype=bool)
    mask[-int(round((10 + DATE_STRIP_MM) / 25.4 * DPI)):, :] = False   # margin + date line
    changed = (np.abs(pixels - expected).max(axis=2) > TONE) & mask
    share = changed.mean()
    if share > SHARE:
        diff = np.where(changed[..., None], [255, 0, 0], pixels // 2 + 127).astype(np.uint8)
        Image.fromarray(diff).save(image_path.with_name(f"{image_path.stem}_diff.png"))
    assert share <= SHARE, f"{image_path.name}: {share:.1%} of the page differs from {reference_path.name}"


@pytest.mark.slow
def test_overview_map_matches_its_reference(rendered):
    lang, out = rendered
    _compare(out / f"overview_{lang}.png", REFERENCE / f"overview_{lang}.png")


@pytest.mark.slow
def test_atlas_pages_match_their_references(rendered):
    lang, out = rendered
    pages = sorted((out / "atlas").glob("*.png"))
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):   # Niger, then Senegal (pages sorted by name)
        _compare(page, REFERENCE / f"atlas_{lang}_page{number}.png")


@pytest.mark.slow
def test_pages_speak_their_language(rendered):
    lang, out = rendered
    pdfs = [out / f"overview_{lang}.pdf", *sorted((out / "atlas").glob("*.pdf"))]
    for pdf in pdfs:
        text = page_texts(pdf)[0]
        for word in WORDS[lang]:
            assert word in text, f"{pdf.name}: {word!r} missing"
        if lang == "fr":
            english = [w for w in ENGLISH_ONLY if re.search(rf"\b{re.escape(w.strip())}\b", text, re.IGNORECASE)]
            assert not english, f"{pdf.name}: English on a French page: {english}"
        assert "Logo" not in text and "od_impact" not in text
