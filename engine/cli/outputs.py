"""What every writing command does before any work: claim its outputs (engine/io/atomic.py).

An existing output is replaced only if the toolkit wrote it, or with ``--overwrite``."""
import click

OVERWRITE_HELP = "Replace existing outputs even if the toolkit did not write them (otherwise refused)."
overwrite_option = click.option("--overwrite", is_flag=True, help=OVERWRITE_HELP)


def claim(*paths, overwrite=False):
    """Check that every output in ``paths`` (None skipped) can be written; with ``overwrite``, allow
    replacing files the toolkit did not write until the command ends. Errors exit 1 naming the file."""
    from ..io.atomic import claim_outputs

    ctx = click.get_current_context(silent=True)
    return claim_outputs(paths, overwrite=overwrite, on_close=ctx.call_on_close if ctx else None)
