"""`rdh transhumance`: declared in engine/jobs/transhumance.py, run by engine/transhumance_routes/job.py.

The command is a click group (``invoke_without_command``): each module named in SUBCOMMAND_MODULES
(relative to this package, or absolute) adds subcommands (``rdh transhumance evaluate ...``) with
``register(command)``.
"""
import importlib

from ..jobs.transhumance import JOB
from .generate import job_command

command = job_command(JOB, group=True)

SUBCOMMAND_MODULES: tuple[str, ...] = ()
for _name in SUBCOMMAND_MODULES:
    importlib.import_module(_name, __package__).register(command)
