"""Maps the repository folders to distinctive import names.

`engine/` installs as `rdh_engine` (QGIS runs every plugin in one interpreter, so a bare `engine`
would collide) and `styles/` travels inside it as `rdh_engine/styles`; everything else is in
pyproject.toml.
"""
from setuptools import find_packages, setup

engine = ["rdh_engine" + name[len("engine"):] for name in find_packages(include=["engine", "engine.*"])]
plugin = find_packages(include=["rdh_qgis_plugin", "rdh_qgis_plugin.*"])
package_dir = {"rdh_engine": "engine", "rdh_engine.styles": "styles"}

setup(
    packages=engine + plugin + ["rdh_engine.styles"],
    package_dir=package_dir,
    package_data={
        "rdh_engine.styles": ["*.qml", "*.sld"],
        "rdh_engine.raster": ["cost_weights/*.toml"],
        "rdh_qgis_plugin": ["*.txt", "*.png", "*.svg", "spec.json", "i18n/*.qm", "gui/*.ui", "layouts/*.qpt", "icons/*"],
    },
    include_package_data=False,
)
