"""``python -m rdh_engine.publish BUNDLE [--policy FILE]``: the disclosure audit of a bundle on disk
(exit 0 passes, 1 with one line per violation); what `rdh publish` runs in a Python of its own."""
from .audit import main

raise SystemExit(main())
