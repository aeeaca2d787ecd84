"""`rdh demo`: the main job on the shipped sample data, everything written to one folder."""
from pathlib import Path

import click

from .. import provenance
from ..io.gpkg import write_layers
from ..io.sources import load_sample_sources, sample_paths
from . import cli
from .progress import bar

SOURCE_STYLES = {
    "roads": "roads",
    "admin0": "admin0",
    "admin1": "admin1",
    "places": "places",
    "mmp_incidents": "mmp_incidents",
}


@cli.command("demo")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default="sample_data",
              show_default=True, help="Sample data folder (as shipped in the repository).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Folder that receives every output.")
def demo_cmd(data_dir, out_dir):
    """Run the demo on the sample data and write its outputs to OUTPUT.

    Today: load and validate the source layers, and write them as one styled GeoPackage
    (OUTPUT/rdh_sources.gpkg) that QGIS opens with the house styles applied.
    """
    if not (data_dir / "real").is_dir():
        raise click.UsageError(f"{data_dir} is not the RDH sample data folder (no {data_dir / 'real'})")
    layers = load_sample_sources(data_dir, progress=bar("Loading sources"))
    record = provenance.run_provenance(
        tool="rdh demo", inputs=sample_paths(data_dir).values(), parameters={"data": str(data_dir)})
    target = write_layers(out_dir / "rdh_sources.gpkg", layers, provenance=record, styles=SOURCE_STYLES)
    for name, gdf in layers.items():
        click.echo(f"  {name:<14} {len(gdf):>6} features")
    click.echo(f"Wrote {target}")
