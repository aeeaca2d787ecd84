"""Run the benchmarks: ``python bench/run.py [--json FILE] [--quick] [--skip-1m]`` (same as ``rdh bench``)."""
import sys

from rdh_engine.cli import main

if __name__ == "__main__":
    main(["bench", *sys.argv[1:]])
