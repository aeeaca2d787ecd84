"""Translation helpers: every user-visible string goes through tr(); the .qm follows the QGIS locale."""
import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

CONTEXT = "RdhPlugin"
_I18N_DIR = os.path.join(os.path.dirname(__file__), "i18n")


def tr(text):
    return QCoreApplication.translate(CONTEXT, text)


def qgis_locale():
    """Two-letter UI language QGIS runs in: its active translation (what `qgis --lang fr`, or at
    start-up the override setting, chose), else the override setting, else the system locale."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    locale = app.translation() if isinstance(app, QgsApplication) else ""
    if not locale:
        settings = QgsSettings()
        if settings.value("locale/overrideFlag", False, type=bool):
            locale = settings.value("locale/userLocale", "en_US")
        else:
            from qgis.PyQt.QtCore import QLocale

            locale = QLocale.system().name()
    return (locale or "en")[:2]


def map_language():
    """The maps' default language: the UI language when the maps speak it, else English."""
    from .layouts.texts import LANGUAGES

    lang = qgis_locale()
    return lang if lang in LANGUAGES else "en"


def install_translator(locale=None):
    """Load i18n/rdh_<lang>.qm into the application; returns the translator (keep a reference) or None."""
    path = os.path.join(_I18N_DIR, f"rdh_{locale or qgis_locale()}.qm")
    if not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
