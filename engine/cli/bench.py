"""`rdh bench`: time the network and grid kernels against their peers, in the same run."""
import json
import os
import platform
from pathlib import Path

import click

from ..io.atomic import write_text
from ..network import benchmark
from . import cli
from .options import claim, overwrite_option
from .progress import bar


def _fmt(x, spec):
    return "-" if x is None else format(x, spec)


@cli.command("bench")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records (case, method, seconds, peak_mb) to this JSON file.")
@click.option("--quick", is_flag=True, help="Tiny cases only (checks the machinery, not the speed).")
@click.option("--skip-1m", is_flag=True, help="Leave out the 1M-node graphs (the slowest cases).")
@click.option("--case", "cases", multiple=True, help="Run only this case (repeatable), e.g. assign_100000.")
@click.option("--child", nargs=2, hidden=True, help="Measure one CASE METHOD in this process (internal).")
@overwrite_option
def bench_cmd(json_path, quick, skip_1m, cases, child, overwrite):
    """Flow assignment (10k, 100k, 1M nodes) and grid least-cost (1000x1000, 5000x5000) with the
    engine and with networkx, scipy.sparse.csgraph, python-igraph, rustworkx and scikit-image.

    Each measurement runs in its own process; "x engine" is how many times longer the method took
    than the engine on the same case (above 1: the engine is faster).
    """
    if child:  # a measuring child started by benchmark.run_all: one JSON line back to the parent
        click.echo(benchmark.child_main(list(child)))
        return
    claim(json_path, overwrite=overwrite)
    records = benchmark.run_all(quick=quick, include_1m=not skip_1m, cases=set(cases),
                                progress=bar("Benchmarking"))
    click.echo(f"{'case':<16} {'method':<32} {'seconds':>9} {'peak MB':>9} {'x engine':>9}  note")
    for case, method, seconds, peak, ratio, note in benchmark.summary(records):
        click.echo(f"{case:<16} {method:<32} {_fmt(seconds, '9.3f')} {_fmt(peak, '9.1f')} "
                   f"{_fmt(ratio, '9.2f')}  {note}")
    if json_path:
        machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        write_text(json_path, json.dumps([{**r, "machine": machine} for r in records], indent=1))
        click.echo(f"wrote {json_path}")

