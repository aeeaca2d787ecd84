"""Copy the real, openly licensed inputs from ../shared/data into sample_data/real/.

Run from the repository root: `.venv/bin/python sample_data/prepare_real.py [SHARED_DATA_DIR]`.
Every transformation here is listed in sample_data/PROVENANCE.md; the outputs are committed, so the
demo and tests never need the shared folder.
"""
import shutil
import sys
from pathlib import Path

import pandas as pd

BBOX = (-26.0, -14.0, 32.0, 38.0)  # lon/lat study box of the shared data (PROVENANCE-networks.md)

COPIES = {
    "networks/trans_african_road_network.gpkg": "roads.gpkg",
    "boundaries/wca_admin_boundaries_ne10m.gpkg": "admin.gpkg",
    "hydro/natural_earth_10m_water_wca.gpkg": "water.gpkg",
    "places/geonames_cities1000_wca.csv": "places_geonames.csv",
    "landcover/modis_mcd12c1_2019_igbp_wca_0p05deg.tif": "landcover_igbp_0p05deg.tif",
    "landcover/modis_mcd12c1_2019_igbp_wca_0p2deg_mode.tif": "landcover_igbp_0p2deg.tif",
    "population/gpw_v4_popcount_2020_30min_wca.tif": "population_count_30min.tif",
    "population/gpw_v4_popdensity_2020_15min_wca.tif": "population_density_15min.tif",
    "elevation/elevation_mapzen_pvlib_5arcmin_wca.tif": "elevation_5arcmin.tif",
    "elevation/slope_deg_x100_5arcmin_wca.tif": "slope_deg_x100_5arcmin.tif",
    "border_crossings/krantz2024_border_crossing_costs_country_pairs.csv": "border_crossing_costs.csv",
    "migration/covid_borders/cobap_policies_region.csv": "cobap_policies.csv",
    "migration/covid_borders/cobap_daily_status_region_2020_2021.csv": "cobap_daily_status.csv",
    "migration/dtm_facts/dtm_wca_facts.csv": "dtm_facts.csv",
    "migration/dtm_facts/fmp_locations_named.csv": "fmp_locations_named.csv",
    "migration/undesa/ims2024_bilateral_stock_wca_nafr.csv": "undesa_migrant_stock.csv",
    "transhumance/published_figures.csv": "transhumance_published_figures.csv",
    "transhumance/senegal_traore_mstrans/senegal_pastoral_infrastructure.gpkg": "senegal_pastoral_infrastructure.gpkg",
}
JAHEL = "transhumance/senegal_mauritania_jahel2020"


def main(shared):
    out = Path(__file__).resolve().parent / "real"
    out.mkdir(exist_ok=True)
    for src, dst in COPIES.items():
        shutil.copyfile(shared / src, out / dst)
    jahel = out / "jahel2020"
    jahel.mkdir(exist_ok=True)
    for f in (shared / JAHEL).iterdir():
        shutil.copyfile(f, jahel / f.name)
    clip_mmp(shared / "migration/mmp/mmp_incidents_wca_med_atl.csv", out / "mmp_incidents.csv")


def clip_mmp(src, dst):
    """Keep the incidents inside the study box (drops far Atlantic/Mediterranean points)."""
    df = pd.read_csv(src, dtype=str, keep_default_na=False)
    lon = pd.to_numeric(df["lon"], errors="coerce")
    lat = pd.to_numeric(df["lat"], errors="coerce")
    inside = lon.between(BBOX[0], BBOX[2]) & lat.between(BBOX[1], BBOX[3])
    df[inside].to_csv(dst, index=False)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data"))
