"""Translations: every tr() string has a French translation, the .qm match the .ts, the UI switches."""
import importlib.util
import re
import string

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from rdh_qgis_plugin import i18n

from .plugin_helpers import rdh_provider  # noqa: F401  (fixture)

LANGUAGES = ("en", "fr")


def _load_update_script(repo):
    spec = importlib.util.spec_from_file_location("update_translations", repo / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def updater(repo):
    return _load_update_script(repo)


@pytest.fixture
def translator():
    """Install the plugin's translator for a language; removed again after the test."""
    installed = []

    def install(language):
        installed.append(i18n.install_translator(language))
        assert installed[-1] is not None, f"no rdh_{language}.qm"

    yield install
    for item in installed:
        QCoreApplication.removeTranslator(item)


def _fields(text):
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_tr_string_is_translated(updater, language):
    sources = updater.source_strings()
    assert "Run" in sources and len(sources) > 20  # the extractor does see the plugin's strings
    messages = updater.read_ts(updater.I18N / f"rdh_{language}.ts")
    missing = [s for s in sources if s not in messages or not all(messages[s])]
    assert not missing, f"run `make translations` and translate: {missing}"
    assert set(messages) == set(sources), "strings no longer in the code: run `make translations`"
    for source, (translation, _) in messages.items():
        assert _fields(translation) == _fields(source), f"placeholders differ: {source!r} -> {translation!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_qm_matches_the_ts(updater, language):
    """The committed .qm answers every message with the .ts translation (else: `make translations`)."""
    qm = QTranslator()
    assert qm.load(str(updater.I18N / f"rdh_{language}.qm"))
    for source, (translation, _) in updater.read_ts(updater.I18N / f"rdh_{language}.ts").items():
        # QTranslator.translate takes C strings: UTF-8 bytes, as QCoreApplication.translate passes them.
        answer = qm.translate(updater.CONTEXT.encode(), source.encode()) or source
        assert answer == translation, source


def test_french_translation_is_really_french(updater):
    messages = updater.read_ts(updater.I18N / "rdh_fr.ts")
    assert messages["Run"][0] == "Exécuter"
    same = [s for s, (t, _) in messages.items() if t == s and re.search(r"[a-z]{4}", s)]
    assert not same, f"left in English: {same}"


def test_docks_in_french(qgis_iface, rdh_provider, translator):
    from rdh_qgis_plugin.gui.docks import AnalysisDock, SourcesDock

    translator("fr")
    sources = SourcesDock(qgis_iface)
    assert sources.windowTitle() == "Sources RDH"
    assert sources.run_button.text() == "Exécuter" and sources.cancel_button.text() == "Annuler"
    # Titles, help and parameter labels come from the spec's French texts
    assert sources.algorithm_combo.itemText(0) == "Démonstration sur les données d'exemple"
    assert sources.help_label.text().startswith("Lance la démonstration")
    assert sources.help_label.text().endswith("Identique à `rdh demo` en ligne de commande.")
    analysis = AnalysisDock(qgis_iface)
    assert analysis.windowTitle() == "Analyses RDH"
    names = {analysis.algorithm_combo.itemText(index) for index in range(analysis.algorithm_combo.count())}
    assert names == {"Corridors migratoires", "Routes de transhumance", "Impact des fermetures de frontières"}
    for dock in (sources, analysis):
        dock.unload()


def test_docks_in_english(qgis_iface, rdh_provider, translator):
    from rdh_qgis_plugin.gui.docks import SourcesDock

    translator("en")
    dock = SourcesDock(qgis_iface)
    assert dock.windowTitle() == "RDH Sources"
    assert dock.run_button.text() == "Run"
    dock.unload()


def test_language_follows_the_qgis_locale_setting():
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "fr_FR")
        assert i18n.qgis_locale() == "fr"
        settings.setValue("locale/userLocale", "en_US")
        assert i18n.qgis_locale() == "en"
    finally:
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)


def test_language_follows_qgis_started_with_lang():
    """`qgis --lang fr` sets the application's translation, whatever the settings say."""
    from qgis.core import QgsApplication

    saved = QgsApplication.instance().translation()
    try:
        QgsApplication.setTranslation("fr")
        assert i18n.qgis_locale() == "fr" and i18n.map_language() == "fr"
        QgsApplication.setTranslation("de_DE")
        assert i18n.qgis_locale() == "de" and i18n.map_language() == "en"   # maps: en or fr only
    finally:
        QgsApplication.setTranslation(saved)


def test_unknown_language_falls_back_to_the_source_texts():
    assert i18n.install_translator("xx") is None
