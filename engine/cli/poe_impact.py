"""`rdh poe-impact`: declared in engine/jobs/poe_impact.py, run by engine/poe/job.py."""
from ..jobs.poe_impact import JOB
from .generate import job_command

command = job_command(JOB)
