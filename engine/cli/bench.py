"""`rdh bench`: time the network and grid kernels against their peers, in the same run."""
import json
import os
import platform
from pathlib import Path

import click

from .outputs import claim, overwrite_option


def _harness():
    """The benchmark harness, ``bench/kernels.py`` of a source checkout: from ``$RDH_BENCH_DIR``, or
    ``bench/`` under the current directory (it is not part of the installed engine)."""
    import importlib.util

    folder = Path(os.environ.get("RDH_BENCH_DIR") or Path.cwd() / "bench")
    path = folder / "kernels.py"
    if not path.is_file():
        raise click.UsageError(f"the benchmarks live in the toolkit's source checkout: run from its root or set "
                               f"RDH_BENCH_DIR to its bench/ folder (no {path})")
    spec = importlib.util.spec_from_file_location("rdh_bench_kernels", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(x, spec):
    return "-" if x is None else format(x, spec)


@click.command("bench")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the records (case, method, seconds, peak_mb) to this JSON file.")
@click.option("--quick", is_flag=True, help="Tiny cases only (checks the machinery, not the speed).")
@click.option("--skip-1m", is_flag=True, help="Leave out the 1M-node graphs (the slowest cases).")
@click.option("--case", "cases", multiple=True, help="Run only this case (repeatable), e.g. assign_100000.")
@click.option("--method", "methods", multiple=True, help="Run only this method (repeatable), e.g. scipy.")
@click.option("--child", nargs=2, hidden=True, help="Measure one CASE METHOD in this process (internal).")
@overwrite_option
def bench_cmd(json_path, quick, skip_1m, cases, methods, child, overwrite):
    """Flow assignment (10k, 100k, 1M nodes) and grid least-cost (1000x1000, 5000x5000) with the
    engine and with networkx, scipy.sparse.csgraph, python-igraph, rustworkx and scikit-image.

    Each measurement runs in its own process; "x engine" is how many times longer the method took
    than the engine on the same case (above 1: the engine is faster). Run it from the toolkit's source
    checkout (the harness is bench/kernels.py) or set RDH_BENCH_DIR.
    """
    from .progress import bar

    benchmark = _harness()
    if child:  # a measuring child started by benchmark.run_all: one JSON line back to the parent
        click.echo(benchmark.child_main(list(child)))
        return
    from ..io.atomic import write_text

    claim(json_path, overwrite=overwrite)
    records = benchmark.run_all(quick=quick, include_1m=not skip_1m, cases=set(cases), methods=set(methods),
                                progress=bar("Benchmarking"))
    click.echo(f"{'case':<16} {'method':<32} {'seconds':>9} {'peak MB':>9} {'x engine':>9}  note")
    for case, method, seconds, peak, ratio, note in benchmark.summary(records):
        click.echo(f"{case:<16} {method:<32} {_fmt(seconds, '9.3f')} {_fmt(peak, '9.1f')} "
                   f"{_fmt(ratio, '9.2f')}  {note}")
    if json_path:
        machine = f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        write_text(json_path, json.dumps([{**r, "machine": machine} for r in records], indent=1))
        click.echo(f"wrote {json_path}")



command = bench_cmd
