"""`rdh transhumance`: declared in engine/jobs/transhumance.py, run by engine/transhumance_routes/job.py.

The command is a click group (``invoke_without_command``) with the subcommands `evaluate` and
`calibrate` (engine/cli/transhumance_tools.py), imported only when used; other modules may add
subcommands with ``command.add_command``.
"""
from ..jobs.transhumance import JOB
from .generate import job_command

command = job_command(JOB, group=True, subcommands={"evaluate": ".transhumance_tools:evaluate_cmd",
                                                    "calibrate": ".transhumance_tools:calibrate_cmd"})
