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

.PHONY: setup demo test bench styles qgis clean

setup:
	@bash scripts/setup.sh

demo: setup
	$(RDH) demo --data sample_data --output out

test: setup
	@mkdir -p out
	XDG_RUNTIME_DIR=$$(mktemp -d) $(VENV)/bin/pytest $(PYTEST_ARGS) --junitxml=out/junit.xml

# Engine vs networkx, scipy, igraph, rustworkx, scikit-image (minutes; BENCH_ARGS=--skip-1m for less).
bench: setup
	@mkdir -p out
	$(RDH) bench --json out/bench.json $(BENCH_ARGS)

styles: setup
	$(PY) scripts/build_styles.py

# QGIS desktop with the venv visible to its Python (see README, "QGIS desktop").
qgis: setup
	PYTHONPATH=$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))') \
	    QGIS_PLUGINPATH=$(CURDIR) qgis

clean:
	rm -rf out .numba_cache .qgis-profile .qgis-settings .pytest_cache build *.egg-info
