# Thin targets: each one sets up what it needs (scripts/setup.sh is idempotent and quick on a re-run).
VENV      ?= .venv
PY        := $(VENV)/bin/python
RDH       := $(VENV)/bin/rdh
PYTEST_ARGS ?=

# Headless Qt, no stray PROJ/GDAL data dirs (they break the wheels' PROJ), numba cache in the tree.
export QT_QPA_PLATFORM := offscreen
export NUMBA_CACHE_DIR := $(CURDIR)/.numba_cache
export QGIS_CUSTOM_CONFIG_PATH := $(CURDIR)/.qgis-profile
unexport PROJ_LIB PROJ_DATA GDAL_DATA

.PHONY: setup demo maps test bench styles layouts qgis clean sample-data translations plugin-zip plugin-repo spec

setup:
	@bash scripts/setup.sh

demo: setup
	$(RDH) demo --data sample_data --output out

test: setup
	@mkdir -p out
	XDG_RUNTIME_DIR=$$(mktemp -d) $(VENV)/bin/pytest $(PYTEST_ARGS) --junitxml=out/junit.xml

# The job declarations frozen into the plugin (the QGIS process never imports the engine; docs/jobs.md).
spec: setup
	$(RDH) spec --json -o rdh_qgis_plugin/spec.json

# Regenerate sample_data/generated (byte-identical with the default seed; see docs/sample_data.md).
sample-data: setup
	$(RDH) sample generate --out sample_data/generated

# Engine vs networkx, scipy, igraph, rustworkx, scikit-image (minutes; BENCH_ARGS=--skip-1m for less).
bench: setup
	@mkdir -p out
	$(RDH) bench --json out/bench.json $(BENCH_ARGS)

styles: setup
	QT_HASH_SEED=0 $(PY) scripts/build_styles.py

# Regenerate the committed layout templates (rdh_qgis_plugin/layouts/*.qpt) with PyQGIS.
layouts: setup
	QT_HASH_SEED=0 $(PY) -m rdh_qgis_plugin.layouts.templates

# The demo's maps (needs out/rdh_sources.gpkg from `make demo`): regional overview (PNG + PDF)
# and the per-country atlas (one page per WCA country), English and French, into out/maps.
MAP_LAYERS := mmp_incidents,places,roads,admin0,admin1
WCA := region_group = 'WCA'
maps: setup
	for lang in en fr; do \
	  $(RDH) map -p out/rdh_sources.gpkg --layers mmp_incidents,roads,admin0 --lang $$lang \
	    --extent-of admin0 --filter "$(WCA)" -o out/maps/overview_$$lang.pdf -o out/maps/overview_$$lang.png && \
	  $(RDH) atlas -p out/rdh_sources.gpkg --layers $(MAP_LAYERS) --lang $$lang \
	    --coverage admin0 --filter "$(WCA)" -o out/maps/atlas_countries_$$lang.pdf || exit 1; \
	done

# QGIS desktop with this checkout's plugin and engine (see README, "QGIS desktop").
qgis: setup
	QGIS_PLUGINPATH=$(CURDIR) RDH_EXECUTABLE=$(CURDIR)/$(RDH) qgis

clean:
	rm -rf out .numba_cache .qgis-profile .qgis-settings .pytest_cache build *.egg-info

# Plugin translations: tr() strings -> i18n/rdh_{en,fr}.ts (kept translations merged) -> .qm (lrelease).
translations: setup
	$(PY) scripts/update_translations.py

# Installable plugin zip (QGIS "Install from ZIP"): out/rdh_qgis_plugin-<version>.zip.
plugin-zip: setup
	$(PY) scripts/build_plugin_zip.py --output out
	$(PY) scripts/check_plugin_zip.py out/rdh_qgis_plugin-*.zip

# A plugin repository the hub can serve from its geoportal: out/plugin-repo/plugins.xml + the zip.
# PLUGIN_REPO_URL: the URL the folder is served at (default: a file:// URL of the folder).
plugin-repo: setup
	$(PY) scripts/build_plugin_zip.py --output out/plugin-repo --repo $(if $(PLUGIN_REPO_URL),--base-url $(PLUGIN_REPO_URL))
