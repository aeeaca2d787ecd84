"""`rdh provenance`: print what produced an output file."""
from pathlib import Path

import click


@click.command("provenance")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--layer", help="Layer to read (default: every layer).")
def provenance_cmd(path, layer):
    """Print the provenance record (inputs with hashes, parameters, version, date) of an RDH output."""
    from .. import provenance as prov
    from ..io.gpkg import list_layers, read_provenance

    for name in [layer] if layer else list_layers(path):
        click.echo(f"# {path}:{name}")
        click.echo(prov.dumps(read_provenance(path, name)))


command = provenance_cmd
