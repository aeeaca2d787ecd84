"""rdh:atlas and rdh:map from the Processing toolbox: they run in the QGIS process (layouts code)."""
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeatureSourceDefinition, QgsProject, QgsVectorLayer

from ._maps import assert_not_blank, page_count, page_texts


def gpkg_layer(demo_output, name):
    layer = QgsVectorLayer(f"{demo_output / 'rdh_sources.gpkg'}|layername={name}", name, "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_atlas_of_selected_features_only(loaded_plugin, demo_output, tmp_path):
    import processing

    admin0 = gpkg_layer(demo_output, "admin0")
    admin0.selectByExpression("country_iso3 IN ('NER', 'TCD', 'DZA')")
    out = tmp_path / "selected.pdf"
    result = processing.run("rdh:atlas", {
        "COVERAGE": QgsProcessingFeatureSourceDefinition(admin0.id(), True), "FILTER": "region_group = 'WCA'",
        "PROJECT": [admin0], "LANG": "fr", "OUTPUT": str(out)})
    assert Path(result["OUTPUT"]) == out
    texts = page_texts(out)   # Algeria is selected but not WCA: the filter and the selection combine
    # French pages name their country in French, and are ordered by that name
    assert page_count(out) == 2 and "— Niger" in texts[0] and "— Tchad" in texts[1]
    assert "Légende" in texts[0]


def test_atlas_pages_to_a_folder(loaded_plugin, demo_output, tmp_path):
    import processing

    admin0 = gpkg_layer(demo_output, "admin0")
    folder = tmp_path / "pages"
    result = processing.run("rdh:atlas", {
        "COVERAGE": admin0, "FILTER": "country_iso3 = 'GHA'", "PROJECT": [admin0], "PER_PAGE": True,
        "FORMAT": ["png"], "DPI": 50, "OUTPUT": str(folder)})
    assert Path(result["OUTPUT"]) == folder
    assert [p.name for p in folder.iterdir() if p.name != ".rdh-outputs.json"] == ["001_Ghana.png"]


def test_map_algorithm_writes_a_png(loaded_plugin, demo_output, tmp_path):
    import numpy as np
    import processing
    from PIL import Image

    admin0 = gpkg_layer(demo_output, "admin0")
    png = tmp_path / "overview.png"
    processing.run("rdh:map", {"PROJECT": [admin0], "EXTENT_OF": admin0, "FILTER": "region_group = 'WCA'",
                               "DPI": 60, "OUTPUT": str(png)})
    with Image.open(png) as image:
        assert_not_blank(np.asarray(image.convert("RGB")))


def test_layers_outside_a_geopackage_are_refused(loaded_plugin, tmp_path):
    import processing

    memory = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "scratch", "memory")
    QgsProject.instance().addMapLayer(memory)
    with pytest.raises(QgsProcessingException, match="GeoPackage layers"):
        processing.run("rdh:atlas", {"COVERAGE": memory, "PROJECT": [memory], "OUTPUT": str(tmp_path / "x.pdf")})
