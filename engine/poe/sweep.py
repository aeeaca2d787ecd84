"""Scenario sweeps (N-1, N-2, timeline, Monte Carlo) serially or on dask.distributed.

The :class:`~.impact.ImpactModel` (graph, flows, baseline) is scattered to every worker once
(``broadcast=True``); tasks carry only batches of status vectors and return small summaries. Each
scenario runs the same code in either mode, so the results are identical.
"""
import logging
from contextlib import contextmanager

import numpy as np

from ..errors import ParameterError
from .impact import Comparison

log = logging.getLogger(__name__)

LOCAL = "local"
SERIAL = "serial"


def summarise(model, baseline, codes_batch):
    """Totals (see :meth:`Comparison.totals`) of each scenario in ``codes_batch`` against the
    ``baseline`` routes. Runs on workers: threads inside stay at one (the workers are the parallelism)."""
    return [Comparison(baseline, model.evaluate(codes, parallel=False, baseline=baseline)).totals()
            for codes in codes_batch]


def _summarise_task(shared, codes_batch):
    model, baseline = shared
    return summarise(model, baseline, codes_batch)


@contextmanager
def dask_client(scheduler=LOCAL, *, n_workers=2):
    """A dask.distributed Client: an embedded LocalCluster (processes, loopback only, no dashboard)
    for ``"local"``, or a connection to an existing scheduler at ``tcp://host:port``."""
    from dask.distributed import Client, LocalCluster

    if scheduler == LOCAL:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
            yield client
    elif isinstance(scheduler, str) and scheduler.startswith(("tcp://", "tls://")):
        with Client(scheduler) as client:
            yield client
    else:
        raise ParameterError(f"scheduler must be 'serial', 'local' or a tcp://host:port address, not {scheduler!r}")


def run_sweep(model, baseline, scenarios, *, scheduler=SERIAL, n_workers=2, client=None, batches_per_worker=4,
              progress=None):
    """Summaries of many scenarios (a list of status-code arrays), in order.

    ``scheduler``: ``"serial"`` (this process), ``"local"`` (embedded LocalCluster with ``n_workers``
    processes) or ``tcp://host:port``; or pass a ready ``client``. ``progress(done, total, step)``
    is called as batches finish.
    """
    scenarios = [np.asarray(s, dtype=np.int8) for s in scenarios]
    if not scenarios:
        return []
    if client is None and scheduler == SERIAL:
        out = []
        for i, codes in enumerate(scenarios, 1):
            out.extend(summarise(model, baseline, [codes]))
            if progress:
                progress(i, len(scenarios), "scenario")
        return out
    if client is not None:
        return _on_client(client, model, baseline, scenarios, batches_per_worker, progress)
    with dask_client(scheduler, n_workers=n_workers) as own:
        return _on_client(own, model, baseline, scenarios, batches_per_worker, progress)


def _on_client(client, model, baseline, scenarios, batches_per_worker, progress):
    from dask.distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    n_batches = min(len(scenarios), workers * max(1, int(batches_per_worker)))
    bounds = np.linspace(0, len(scenarios), n_batches + 1).astype(int)
    batches = [scenarios[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    [shared] = client.scatter([(model, baseline)], broadcast=True)  # one future holding both
    futures = client.map(_summarise_task, [shared] * len(batches), batches, pure=False)
    index = {f.key: i for i, f in enumerate(futures)}
    results = [None] * len(batches)
    done = 0
    for future in as_completed(futures):
        results[index[future.key]] = future.result()
        done += len(results[index[future.key]])
        if progress:
            progress(done, len(scenarios), "scenario")
    log.info("swept %d scenarios in %d batches on %d Dask worker(s)", len(scenarios), len(batches), workers)
    return [r for batch in results for r in batch]


__all__ = ["LOCAL", "SERIAL", "dask_client", "run_sweep", "summarise"]
