"""The revision worker of ``review --run``: it moved to :mod:`dbkit.jobs.run` (it runs with the
project's interpreter under ``--python``, so it imports nothing of the reviewer)."""

from dbkit.jobs.run import PRELOAD, handle, required_parameters

__all__ = ["PRELOAD", "handle", "required_parameters"]
