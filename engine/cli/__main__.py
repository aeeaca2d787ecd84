"""`python -m rdh_engine.cli`: the same as the `rdh` command."""
from . import main

main()
