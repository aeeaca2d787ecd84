"""`rdh map` and `rdh atlas`: the hub's maps, headless. These need QGIS in the process (the toolkit's
venv sees the system `qgis`); without it they say so. They join the engine's `rdh` group
through the ``rdh.commands`` entry points (pyproject.toml); nothing here imports QGIS until a command
runs. Their parameters are declared in rdh_engine/jobs/qgis_side.py (tests/test_jobs.py checks they agree).
"""
from pathlib import Path

import click

from rdh_engine.cli.outputs import claim

from ..cli_support import needs_qgis
from .make import make_atlas, make_map
from .texts import LANGUAGES


def _split_names(ctx, param, value):
    names = [n.strip() for v in value for n in v.split(",") if n.strip()]
    return names or None


def _common_options(func):
    options = [
        click.option("-p", "--project", "sources", multiple=True, required=True,
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Styled GeoPackage(s) written by rdh (repeatable), or one .qgs/.qgz project."),
        click.option("--layers", multiple=True, callback=_split_names, metavar="NAME[,NAME...]",
                     help="Layers to show, top first (default: all, points over lines over areas)."),
        click.option("-t", "--template", default="a4-landscape", show_default=True,
                     help="a4-landscape, a4-portrait, a3-landscape, a3-portrait, or a .qpt file."),
        click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
                     help="Language of the map's text and legend."),
        click.option("--title", help="Map title (default: after the analysis shown, e.g. 'Migration corridors "
                                     "in West and Central Africa', in --lang)."),
        click.option("--subtitle", help="Subtitle (default: the period the data cover, or the closure "
                                        "scenario's date)."),
        click.option("--period", help="Period covered, printed as the subtitle, e.g. '2024-01 to 2024-06'."),
        click.option("--sources", "extra_sources", help="Credits added to those of the layers shown."),
        click.option("--logo", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Logo image (SVG/PNG) at the top right (default: the project variable rdh_logo; "
                          "none)."),
        click.option("--locator", "locator_name", metavar="LAYER",
                     help="Layer drawn in the inset locator map (default: admin0 when present)."),
        click.option("--dpi", type=click.IntRange(50, 600), default=200, show_default=True,
                     help="Resolution of PNG pages and of rasterised parts of PDFs."),
        click.option("--save-project", type=click.Path(dir_okay=False, path_type=Path),
                     help="Also save the QGIS project with its layout (.qgz), to edit it in QGIS."),
        click.option("--public", is_flag=True,
                     help="A map for publication: only GeoPackages of public bundles written by `rdh export` "
                          "(protected and audited), unchanged since."),
        click.option("--overwrite", is_flag=True,
                     help="Replace existing outputs even if the toolkit did not write them (otherwise refused)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("map")
@_common_options
@click.option("--extent-of", "extent_layer", metavar="LAYER", help="Frame the map on this layer's features.")
@click.option("--filter", "filter_expression", metavar="EXPR",
              help="QGIS expression: frame only the --extent-of features it selects.")
@click.option("-o", "--output", "outputs", multiple=True, required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Output .pdf or .png (repeatable: one map, several files).")
@needs_qgis("map")
def map_cmd(sources, layers, template, lang, title, subtitle, period, extra_sources, logo, locator_name,
            dpi, save_project, public, overwrite, extent_layer, filter_expression, outputs):
    """One map (PDF and/or PNG) of styled layers, e.g. a regional overview.

    The map frames --extent-of LAYER (only its features matching --filter when given), or all the
    layers shown.

    \b
    rdh map -p out/rdh_sources.gpkg --layers mmp_incidents,places,roads,admin0 \\
        --extent-of admin0 --filter "region_group = 'WCA'" -o out/maps/overview.pdf -o out/maps/overview.png
    """
    from ..qgis_app import qgis_app

    if filter_expression and not extent_layer:
        raise click.UsageError("--filter selects features of --extent-of LAYER; give that layer too")
    claim(*outputs, save_project, overwrite=overwrite)
    with qgis_app():
        for path in make_map(sources, layers=layers, template=template, lang=lang, title=title, subtitle=subtitle,
                             period=period, extra_sources=extra_sources, logo=logo, locator_name=locator_name,
                             dpi=dpi, save_project=save_project, extent_layer=extent_layer,
                             filter_expression=filter_expression, outputs=outputs, public=public):
            click.echo(f"Wrote {path}")


@click.command("atlas")
@_common_options
@click.option("--coverage", "coverage_name", required=True, metavar="LAYER",
              help="One page per feature of this layer (e.g. admin0, admin1, corridors, poe_status).")
@click.option("--filter", "filter_expression", metavar="EXPR",
              help="QGIS expression: only the matching coverage features get a page (partial export).")
@click.option("--page-name", metavar="EXPR",
              help="Page name in the title and file names, also the page order (default: the name field).")
@click.option("--per-page", is_flag=True, help="One file per page into the folder OUTPUT.")
@click.option("--format", "formats", type=click.Choice(("pdf", "png")), multiple=True,
              help="With --per-page: pdf and/or png pages (default: pdf).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="The atlas .pdf, or the folder for --per-page.")
@needs_qgis("atlas")
def atlas_cmd(sources, layers, template, lang, title, subtitle, period, extra_sources, logo, locator_name,
              dpi, save_project, public, overwrite, coverage_name, filter_expression, page_name, per_page, formats, output):
    """An atlas series: one page per feature of --coverage (countries, admin1, corridors, PoEs...).

    Title, map extent, inset highlight and legend follow each page's feature; the legend lists only
    what the page shows. Writes one PDF (OUTPUT.pdf), or with --per-page one file per page and
    format into the folder OUTPUT.

    \b
    rdh atlas -p out/rdh_sources.gpkg --coverage admin0 --filter "region_group = 'WCA'" \\
        --lang fr -o out/maps/atlas_fr.pdf
    """
    from rdh_engine.cli.progress import bar

    from ..qgis_app import qgis_app

    if formats and not per_page:
        raise click.UsageError("--format applies to --per-page exports (a whole atlas is one PDF)")
    claim(*([] if per_page else [output]), save_project, overwrite=overwrite)
    with qgis_app():
        pages, written = make_atlas(sources, layers=layers, template=template, lang=lang, title=title,
                                    subtitle=subtitle, period=period, extra_sources=extra_sources, logo=logo,
                                    locator_name=locator_name, dpi=dpi, save_project=save_project,
                                    coverage_name=coverage_name, filter_expression=filter_expression,
                                    page_name=page_name, per_page=per_page, formats=formats, output=output,
                                    progress=bar("Rendering atlas pages"), public=public)
    click.echo(f"Wrote {pages} page(s): " + (str(written[0]) if not per_page
                                              else f"{len(written)} file(s) in {output}"))


def register(cli):
    """Add `map` and `atlas` to a click group (`rdh` itself finds them through the ``rdh.commands``
    entry points)."""
    cli.add_command(map_cmd)
    cli.add_command(atlas_cmd)
