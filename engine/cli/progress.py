"""Progress reporting for long work: a bar on a terminal, JSON lines for the QGIS plugin
(--progress-json), nothing when output is piped or with --quiet."""
import json
import sys

import click


PROGRESS_PREFIX = "RDH-PROGRESS "


def _option(name):
    ctx = click.get_current_context(silent=True)
    state = ctx.find_object(dict) if ctx else None
    return bool(state and state.get(name))


def bar(label):
    """A ``progress(done, total, step)`` callback for one long task labelled ``label``."""
    if _option("progress_json"):
        def report(done, total, step=""):
            record = {"task": label, "done": done, "total": total, "step": step}
            print(PROGRESS_PREFIX + json.dumps(record), file=sys.stderr, flush=True)

        return report

    state = {}

    def progress(done, total, step=""):
        if "bar" not in state:
            from tqdm import tqdm

            # disable=None: tqdm shows the bar only when stderr is a terminal.
            state["bar"] = tqdm(total=total, desc=label, unit="step", leave=False,
                                disable=True if _option("quiet") else None)
        state["bar"].set_postfix_str(step, refresh=False)
        state["bar"].update(done - state["bar"].n)
        if done >= total:
            state["bar"].close()

    return progress
