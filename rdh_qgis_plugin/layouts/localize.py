"""Layers in the reader's language: class labels from each house style's per-language labels (the
``rdh_labels`` custom property written by scripts/build_styles.py, keyed by class), and country names
from texts.COUNTRY_NAMES. Used by the maps and by the plugin when it loads a layer."""
import json

from qgis.core import (
    QgsCategorizedSymbolRenderer, QgsField, QgsPalLayerSettings, QgsRasterLayer, QgsRuleBasedRenderer,
    QgsSingleBandPseudoColorRenderer, QgsVectorLayer, QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import QMetaType

from . import texts

LABELS_PROPERTY = "rdh_labels"
MAP_NAME_FIELD = "map_name"   # virtual field: the country's name in the map's language
ISO_FIELDS = ("country_iso3", "adm0_iso3", "iso_a3")


def class_labels(layer, lang):
    """``{class key: label}`` of the layer's house style in ``lang`` ({} for a style without them)."""
    raw = layer.customProperty(LABELS_PROPERTY)
    if not raw:
        return {}
    return json.loads(raw).get(lang, {})


def localize_layer(layer, lang):
    """Relabel ``layer``'s classes (and country names) in ``lang``; returns the layer."""
    labels = class_labels(layer, lang)
    if isinstance(layer, QgsVectorLayer):
        renderer = layer.renderer()
        if labels and isinstance(renderer, QgsRuleBasedRenderer):
            for rule in renderer.rootRule().descendants():
                if rule.filterExpression() in labels:
                    rule.setLabel(labels[rule.filterExpression()])
        elif labels and isinstance(renderer, QgsCategorizedSymbolRenderer):
            for index, category in enumerate(renderer.categories()):
                key = str(category.value())
                if key in labels:
                    renderer.updateCategoryLabel(index, labels[key])
        _country_names(layer, lang)
    elif isinstance(layer, QgsRasterLayer) and labels:
        renderer = layer.renderer()
        if isinstance(renderer, QgsSingleBandPseudoColorRenderer):
            ramp = renderer.shader().rasterShaderFunction()
            items = ramp.colorRampItemList()
            for item in items:
                item.label = labels.get(str(float(item.value)), item.label)
            ramp.setColorRampItemList(items)
    layer.triggerRepaint()
    return layer


def _country_names(layer, lang):
    """Countries: a ``map_name`` virtual field in ``lang``, which the labels (and atlas pages) show."""
    names = layer.fields().names()
    iso = next((f for f in ISO_FIELDS if f in names), None)
    if iso is None or "name" not in names:
        return
    expression = texts.country_name_expression(iso, "name", lang)
    index = layer.fields().indexOf(MAP_NAME_FIELD)
    if index >= 0:
        layer.updateExpressionField(index, expression)
    else:
        layer.addExpressionField(expression, QgsField(MAP_NAME_FIELD, QMetaType.Type.QString))
    if layer.labelsEnabled() and isinstance(layer.labeling(), QgsVectorLayerSimpleLabeling):
        settings = QgsPalLayerSettings(layer.labeling().settings())
        if settings.drawLabels and not settings.isExpression and settings.fieldName == "name":
            settings.fieldName = MAP_NAME_FIELD
            layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
