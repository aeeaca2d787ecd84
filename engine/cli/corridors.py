"""`rdh corridors`: declared in engine/jobs/corridors.py, run by engine/corridors/job.py."""
from ..jobs.corridors import JOB
from .generate import job_command

command = job_command(JOB)
