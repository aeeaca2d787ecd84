"""A sweep on a multi-machine style cluster: a dask scheduler and two workers started as separate
processes (as on separate machines, here on 127.0.0.1), reached by address; results equal serial."""
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from rdh_engine.poe.impact import Comparison
from rdh_engine.poe.status import CLOSED, OPEN
from rdh_engine.poe.sweep import run_sweep

from .test_poe_incremental import random_model

pytestmark = pytest.mark.slow
DASK = str(Path(sys.executable).with_name("dask"))


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    info = folder / "scheduler.json"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], cwd=folder, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)]
    try:
        for _ in range(300):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        for name in ("w1", "w2"):
            procs.append(subprocess.Popen([DASK, "worker", "--scheduler-file", str(info), "--host", "127.0.0.1",
                                           "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--name", name],
                                          cwd=folder, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        from dask.distributed import Client

        with Client(scheduler_file=str(info), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def test_sweep_on_a_scheduler_with_two_worker_processes_equals_serial(scheduler_address):
    model, _ = random_model(11)
    open_ = np.full(model.n_poe, OPEN, np.int8)
    baseline = model.evaluate(open_)
    scenarios = [np.where(np.arange(model.n_poe) == p, CLOSED, OPEN).astype(np.int8) for p in range(model.n_poe)]
    on_cluster = run_sweep(model, baseline, scenarios, scheduler=scheduler_address)
    serial = run_sweep(model, baseline, scenarios)
    full = [Comparison(baseline, model.evaluate(c)).totals() for c in scenarios]
    assert on_cluster == serial
    assert on_cluster == [pytest.approx(f) for f in full]
    from dask.distributed import Client

    with Client(scheduler_address) as client:
        assert len(client.scheduler_info()["workers"]) == 2
