"""Helpers for the map and atlas tests: run `rdh`, read PDFs back with poppler, measure pixels."""
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image

RDH = Path(sys.executable).with_name("rdh")
WCA = "region_group = 'WCA'"


def rdh(*args, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([str(RDH), *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def rdh_in_process(args, capsys):
    """`rdh ARGS` inside the test's QGIS (fast: no new QGIS); returns (exit code, stderr)."""
    from rdh_engine.cli import main

    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        return exc.code, capsys.readouterr().err
    raise AssertionError("rdh main() returned without exiting")


def page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_texts(pdf):
    """Text of each page, ligatures unfolded (NFKC) and whitespace collapsed."""
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = raw.split("\f")[:page_count(pdf)]
    return [" ".join(unicodedata.normalize("NFKC", page).split()) for page in pages]


def render_page(pdf, page, tmp_path, dpi=40):
    """One PDF page as an RGB array (pdftoppm)."""
    stem = tmp_path / f"{Path(pdf).stem}-p{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-singlefile", "-png",
                    str(pdf), str(stem)], check=True)
    return np.asarray(Image.open(f"{stem}.png").convert("RGB"))


def assert_not_blank(pixels):
    """A real map: plenty of ink, many tones, and colour (not only grey furniture)."""
    grey = pixels.mean(axis=2)
    inked = (grey < 235).mean()
    assert inked > 0.05, f"only {inked:.1%} of the page is inked"
    assert grey.std() > 20, f"flat image (std {grey.std():.1f})"
    spread = pixels.max(axis=2).astype(int) - pixels.min(axis=2).astype(int)
    assert (spread > 60).mean() > 0.002, "no coloured pixels (map layers missing?)"
    colours = np.unique(pixels.reshape(-1, 3) // 16, axis=0)
    assert len(colours) > 30, f"only {len(colours)} colour bins"


def query(gpkg, sql, *args):
    with sqlite3.connect(gpkg) as con:
        return con.execute(sql, args).fetchall()


def wca_countries(gpkg):
    return sorted(name for (name,) in query(gpkg, "SELECT name FROM admin0 WHERE region_group = 'WCA'"))
