"""Putting the databases where a step starts, and doing a step: the commands, run as printed.

Every command is a subprocess from the project root, as a learner would type
it (``python -m alembic -c exercise/work/alembic.ini ...``, the seeding scripts,
``python -m dbkit psql`` and ``shell``), so each goes through the same guard
rails as theirs. Before anything runs, :func:`check` looks at the databases
really reached: dev through :func:`dbkit.state.marker.require_disposable`,
the rehearsal through its dbkit comment. The real prod is never reached.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dbkit import database
from dbkit.database import PROJECT_ROOT, Target
from dbkit.errors import DbkitError, Refused
from dbkit.exercise import steps, workspace
from dbkit.exercise.steps import Command

COMMAND_TIMEOUT_S = 600


@dataclass(frozen=True)
class Ran:
    command: str
    exit_code: int
    output: str
    as_expected: bool

    def expectation(self, command: Command) -> str:
        wanted = "fails" if command.fails else "succeeds"
        return wanted + (f", showing {command.shows!r}" if command.shows else "")


def targets() -> tuple[Target, Target]:
    """Dev (as ``ENV=dev`` names it, ``DATABASE_URL`` included) and the rehearsal of prod."""
    if database.env_name() != "dev":
        raise Refused("step works on dev and on a rehearsal of prod, never on prod itself: run "
                      "it with ENV unset or ENV=dev; nothing was changed")
    return database.resolve(), workspace.rehearsal_target()


def check(dev: Target, rehearsal: Target, action: str) -> bool:
    """Refuse, changing nothing, unless both databases may be rewritten; does the rehearsal exist?"""
    workspace.check_dev(dev, action)
    return workspace.check_rehearsal(rehearsal, action)


def run(command: Command) -> Ran:
    text = steps.render(command, workspace.shown(workspace.work_dir()))
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environ.get('PATH', '')}"
    environ["PYTHONUNBUFFERED"] = "1"
    try:
        result = subprocess.run(text, shell=True, cwd=PROJECT_ROOT, env=environ,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=COMMAND_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return Ran(text, -1, f"(no answer after {COMMAND_TIMEOUT_S} s)", False)
    output = result.stdout.rstrip()
    failed = result.returncode != 0
    return Ran(text, result.returncode, output,
               failed == command.fails and command.shows in output)


def prepare(step_id: str, fresh: bool = False, report: Callable[[str], None] = lambda _: None
            ) -> bool:
    """Put dev, the rehearsal and the working folder where ``step_id`` starts.

    Nothing to do when the last step done is the one before (the walk in order);
    otherwise both databases are rebuilt from scratch at the start of the step's
    part of the brief, and the steps before it in that part are done again.
    Returns whether anything was rebuilt.
    """
    dev, rehearsal = targets()
    check(dev, rehearsal, f"step {step_id}")
    work = workspace.work_dir()
    if not fresh and (work / workspace.STATE_FILE).is_file() \
            and workspace.done_step() == steps.previous(step_id):
        return False
    section = steps.section_of(step_id)
    report(f"Setting up step {step_id}: dev and the rehearsal of prod from scratch, then the "
           f"steps from {section} on (a minute at most)")
    workspace.rebuild((dev, workspace.DEV_COMMENT), (rehearsal, workspace.REHEARSAL_COMMENT),
                      action=f"step {step_id}")
    workspace.lay_out(dev, rehearsal)
    workspace.record_done("setting-up")
    for command in steps.SECTIONS[section]:
        _must(run(command), step_id)
    for earlier in steps.IDS[steps.IDS.index(section):steps.IDS.index(step_id)]:
        for command in steps.BY_ID[earlier].commands:
            ran = run(command)
            if not ran.as_expected:
                _must(ran, step_id)
    workspace.record_done(steps.previous(step_id))
    return True


def _must(ran: Ran, step_id: str) -> None:
    if ran.exit_code != 0 and ran.as_expected is False:
        last = ran.output.splitlines()[-1] if ran.output else f"exit {ran.exit_code}"
        raise DbkitError(f"setting up step {step_id} failed at `{ran.command}`: {last}")


def do(step_id: str, report: Callable[[Command, Ran], None], fresh: bool = False) -> bool:
    """Do the step's commands; True when each did what the lesson says."""
    step = steps.BY_ID[step_id]
    workspace.record_done("doing-" + step_id)
    for command in step.commands:
        ran = run(command)
        report(command, ran)
        if not ran.as_expected:
            return False
    workspace.record_done(step_id)
    return True
