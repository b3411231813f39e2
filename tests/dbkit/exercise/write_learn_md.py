"""Write LEARN.md from the steps (dbkit/exercise/steps.py) and their real output.

    .venv/bin/python tests/dbkit/exercise/write_learn_md.py

Starts a throwaway server with a dev and a prod database, runs every command of
every step in order, exactly as printed, from the project root (as the docs
harness will), and writes each command's output under it. Lines that change
from run to run (ports, absolute paths, backup names) become ``...``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from dbkit.exercise import steps  # noqa: E402
from dbkit.pg.server import throwaway_server  # noqa: E402

VOLATILE = re.compile(r"^(Using the |note: |Generating |INFO  \[dbkit\.backup\]|INFO  \[alembic\."
                      r"runtime\.plugins\]|INFO  \[alembic\.ddl\.postgresql\] Detected sequence"
                      r"|INFO  \[alembic\.runtime\.migration\] (Context impl|Will assume)"
                      r"|Setting up step )")
WORK = "exercise/work"

INTRO = """\
# Learning the exercise, step by step

This page walks the brief ("Database migrations with SQLAlchemy") in its own numbering:
dev steps 1-6, prod steps 1-2, and steps 1-9 of each of the three situations. Every
command below is real and runs as printed, from the project root; every output is what it
printed (`...` stands for lines that differ from one machine to the next: ports, paths,
backup names). The test suite runs these blocks in order in a fresh environment, so this
page cannot drift from the code.

Two ways to follow it:

- **Type the commands.** `python -m dbkit step dev-1` first: it lays out the exercise as
  it stands at dev step 1 in `exercise/work/` (models, seeding scripts, an `alembic.ini`
  and only the migrations you have by then) and empties dev and the rehearsal of prod.
- **Let dbkit do each step.** `python -m dbkit step` lists the steps;
  `python -m dbkit step ID` puts the databases where that step starts (with the data you
  would have by then) and prints what the brief asks and the commands;
  `python -m dbkit step ID --do` runs them and explains what happened and why. It exits 0
  when the outcome is the lesson's, an expected failure included.

Where things are:

- `exercise/<moment>/` holds `models.py` and the seeding scripts as they stand at each
  moment of the brief: `1-recruit` (dev step 1), `2-email` (dev step 4), `3-cohort`
  (situation 1 step 4), `4-rocketchat` (situation 2 step 4), `5-no-id-number`
  (situation 3 step 4). The top-level `models.py`, scripts and `migrations/` are where
  the exercise ends (0008 moves cohorts into their own table).
- `exercise/work/` (not in git) is the moment you are at. Editing `models.py` there is a
  `cp` from the next snapshot; a reference migration is a `cp` from `migrations/versions/`.
- Prod steps run on **a rehearsal of prod**: `<prod database>_rehearsal` on the prod
  server, made by dbkit (its database comment starts with `dbkit:rehearsal`) and rebuilt
  at will, with every prod guard rail (backups, `-x confirm=prod`). Your real prod is
  never touched. `DBKIT_ENV_DIR=exercise/work` points the commands at dev and the
  rehearsal. `python -m dbkit step` refuses to rewrite any database marked prod: with
  `ENV=dev DATABASE_URL=<prod URL>` it stops and changes nothing.
- `python -m dbkit shell` is the brief's "python shell": the moment's model classes, a
  `session` and `select`, on `ENV`'s database; `-c CODE` runs one statement.

```console
$ python -m dbkit step dev-1
...
```
"""

PARTS = {"dev-1": "## Using your dev database", "prod-1": "## Using your production database",
         "s1-1": "## Situation 1: a new column", "s2-1": "## Situation 2: a renamed column",
         "s3-1": "## Situation 3: a deleted column"}

AFTER = {
    "s1-2": """\
The same query in the interactive shell (`python -m dbkit shell` without `-c`; `sa` is
`sqlalchemy`):

```text
$ DBKIT_ENV_DIR=exercise/work ENV=dev python -m dbkit shell
Using the dev database 127.0.0.1:5433/recruits_dev (.env.dev)
Models from exercise/work/models.py: Base, Recruit; `session` is on the dev database 127.0.0.1:5433/recruits_dev, with `select`.
>>> session.scalars(select(Recruit)).first()
Recruit(id=1, name='Samantha' 'Mckenzie')
>>> session.scalar(select(sa.func.count()).select_from(Recruit))
10
```
""",  # noqa: E501
    "dev-5": """\
**What plain autogenerate writes, and why 0002-0004 differ.** Autogenerate compares
models and database, so it writes the end state in one revision: `add_column(...,
nullable=False)` and a unique constraint. That cannot run on a table with rows. The
reference splits it: 0002 adds the column nullable; 0003 fills existing rows (autogenerate
never writes data changes) with `dbkit.online.backfill_in_batches`, committing a batch of
ids at a time so a busy prod table is never locked whole; 0004 uses
`dbkit.online.add_not_null` (a `CHECK ... NOT VALID`, validated without blocking writes,
then `SET NOT NULL`) and `add_unique` (`CREATE UNIQUE INDEX CONCURRENTLY`, then the
constraint on that index), where a plain `ALTER` would lock the table for a full scan:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0003_*.py migrations/versions/0004_*.py
...
```
""",
    "s1-9": """\
**What plain autogenerate writes, and why 0005 differs.** On dev, where the column was
added by hand, autogenerate only wrote `alter_column(..., nullable=False)` (s1-5): it
cannot know that prod lacks the column. The reference 0005 adds the column only where it
is missing (`if_not_exists=True`, so dev and prod both run it), fills it with
`backfill_in_batches` and requires it with `add_not_null`, so prod is never locked whole:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0005_*.py
...
```
""",
}

OUTRO_0008 = """\
## Cohorts as a table (0008)

The submission asks for recruit *and* cohort tables. Here is what plain autogenerate
writes from the final `models.py` (a `cohorts` table, `recruits.cohort_id`):

```console
$ cp models.py exercise/work/models.py
$ {autogenerate}
$ sed -n '/^def upgrade/,/^def downgrade/p' exercise/work/migrations/versions/0008_*.py
$ rm exercise/work/migrations/versions/0008_*.py
```

It drops `recruits.cohort` (every cohort name gone) and adds `cohort_id` NOT NULL to a
table with rows (which fails), and the cohorts table stays empty. The reference 0008
creates `cohorts`, fills it from the distinct names, points every recruit at its cohort
in batches (`backfill_in_batches`), requires it (`add_not_null`), indexes it
(`create_index`, concurrently) and adds the foreign key without a long lock
(`add_foreign_key`: `NOT VALID`, then `VALIDATE`); only then does it drop the text column:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0008_*.py
...
```
"""


PORT = re.compile(r"127\.0\.0\.1:\d+")


def run(command: str, environ: dict[str, str], errors: list[str]) -> str:
    result = subprocess.run(command, shell=True, cwd=ROOT, env=environ, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, out = result.stdout.rstrip().splitlines(), []
    for line in lines:
        if PORT.search(line) and line.startswith("error: "):
            errors.append(PORT.sub("127.0.0.1:<port>", line))
        line = "..." if VOLATILE.match(line) or str(ROOT) in line or PORT.search(line) else line
        if not (line == "..." and out and out[-1] == "..."):
            out.append(line)
    return "\n".join(out)


def block(commands: list[str], environ: dict[str, str]) -> str:
    """A console block of the commands and their output; errors naming a port shown after it."""
    body: list[str] = []
    errors: list[str] = []
    for command in commands:
        body.append(f"$ {command}")
        output = run(command, environ, errors)
        if output:
            body.append(output)
    text = "```console\n" + "\n".join(body) + "\n```\n"
    if errors:
        text += ("\nThe error" + ("s" if len(errors) > 1 else "") + " in full (`...` above):\n\n```text\n"
                 + "\n".join(errors) + "\n```\n")
    return text


def fill(markdown: str, environ: dict[str, str]) -> str:
    """Run the commands of each console block that has only commands and `...`."""
    def replace(match: re.Match) -> str:
        commands = [line[2:] for line in match.group(1).splitlines() if line.startswith("$ ")]
        return block(commands, environ)
    return re.sub(r"```console\n(.*?)```\n", replace, markdown, flags=re.S)


def main() -> int:
    server = throwaway_server()
    try:
        folder = Path(tempfile.mkdtemp(prefix="learn-md-"))
        for env in ("dev", "prod"):
            name = f"recruits_{env}"
            server.create_database(name)
            (folder / f".env.{env}").write_text(f"DATABASE_URL={server.url_for(name)}\n")
        environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL",
                                                                     "DBKIT_EXERCISE_DIR")}
        environ.update(DBKIT_ENV_DIR=str(folder), DBKIT_BACKUP_DIR=str(folder / "backups"),
                       PATH=f"{Path(sys.executable).parent}{os.pathsep}{environ['PATH']}")
        parts = [fill(INTRO, environ)]
        for step in steps.STEPS:
            if step.id in PARTS:
                parts.append(PARTS[step.id] + "\n")
            parts.append(f"### {step.id}: {step.summary}\n\n> {step.asks}\n")
            parts.append(block([steps.render(c, WORK) for c in step.commands], environ))
            parts.append(textwrap.fill(step.why, 90) + "\n")
            if step.id in AFTER:
                parts.append(fill(AFTER[step.id], environ))
        autogenerate = steps.render(steps.autogenerate("Move cohorts into a cohorts table"), WORK)
        parts.append(fill(OUTRO_0008.replace("{autogenerate}", autogenerate), environ))
        (ROOT / "LEARN.md").write_text("\n".join(parts))
    finally:
        server.remove()
    return 0


if __name__ == "__main__":
    sys.exit(main())
