"""Charts written beside analysis outputs (matplotlib, no display needed)."""
from pathlib import Path

import matplotlib

from .atomic import atomic_file

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def write_series_chart(path, series, *, x, y, group, labels, title, ylabel, max_groups=8):
    """A line chart of ``y`` over ``x`` per ``group`` (the ``max_groups`` largest), saved atomically as PNG."""
    path = Path(path)
    top = series.groupby(group)[y].mean().nlargest(max_groups).index
    fig, ax = plt.subplots(figsize=(10, 5), dpi=110)
    for key in top:
        part = series[series[group] == key]
        ax.plot(part[x].astype(str), part[y], marker=".", label=labels.get(key, str(key)))
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.tick_params(axis="x", labelrotation=90, labelsize=7)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(alpha=0.3)
    fig.tight_layout()
    try:
        with atomic_file(path) as tmp:
            fig.savefig(tmp, metadata={"Software": "RDH Toolkit"})
    finally:
        plt.close(fig)
    return path


def write_csv(path, table):
    """A CSV written atomically (temp file, then rename)."""
    path = Path(path)
    with atomic_file(path) as tmp:
        table.to_csv(tmp, index=False)
    return path
