"""Write LEARN.md from the steps (dbkit/exercise/steps.py) and their real output.

    .venv/bin/python tests/dbkit/exercise/write_learn_md.py

Runs every command of every step in order, exactly as printed, in the docs harness's own
environment (tests/docs/transcripts.py: a copy of the repository, throwaway dev and prod
servers, stdout and stderr together), and writes each command's output under it as the
harness will see it: the real ports 5433/5434 and ``/path/to/repo``. A command that exits
non-zero gets its ``(exit N)`` line. Alembic's start-up chatter and long outputs become
``...``. Every block written is checked against the harness's comparison before the page is.
"""

from __future__ import annotations

import difflib
import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.transcripts import Environment, matches, normalise  # noqa: E402

from dbkit.exercise import steps  # noqa: E402

# Alembic's start-up chatter: the same before every command, so shown as `...`.
VOLATILE = re.compile(r"^(INFO  \[alembic\.runtime\.plugins\]|INFO  \[alembic\.ddl\.postgresql\] "
                      r"Detected sequence|INFO  \[alembic\.runtime\.migration\] (Context impl|Will "
                      r"assume))")
BATCHES = re.compile(r"^(INFO  \[dbkit\.online\] backfilled \d+ rows of \S+ in) .*$")
WORK = "exercise/work"

INTRO = """\
# Learning the exercise, step by step

This page walks the brief ("Database migrations with SQLAlchemy") in its own numbering:
dev steps 1-6, prod steps 1-2, and steps 1-9 of each of the three situations. Every
command below is real and runs as printed, from the project root; every output is what it
printed, stdout and stderr together, and `(exit N)` after a command that failed (the lesson
of several steps). `...` stands for lines left out: Alembic's start-up lines, and the middle
of long outputs. Ports are the default 5433 (dev) and 5434 (prod); paths start at
`/path/to/repo`. `make docs` runs these blocks in order in a fresh environment and compares
every output, so this page cannot drift from the code.

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
  (situation 3 step 4), `6-cohorts` (the submission). The top-level `models.py`, scripts
  and `migrations/` are where the exercise ends (0008 moves cohorts into their own table).
- `exercise/work/` (ignored by the project's git) is the moment you are at, and a git
  repository of its own: the brief says "commit often", so the steps commit as you would,
  and situation 1's fix checks out an earlier commit. Editing `models.py` there is a `cp`
  from the next snapshot; a migration written by hand is a `cp` from `migrations/versions/`.
- The brief's words are quoted as written, slips included; a note in square brackets says
  what a slip means (situation 2 step 4 "rename the cohort column" is the chatname column;
  step 9 of situations 2 and 3 names `create_c26_recruits`, meaning that situation's script).
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
         "s3-1": "## Situation 3: a deleted column", "submit": "## Submission"}

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

The same two lines piped into it, as the test suite runs it (without a terminal, what you
type is not echoed, so each answer follows its `>>>` prompt):

```console
$ printf '%s\\n' 'session.scalars(select(Recruit)).first()' 'session.scalar(select(sa.func.count()).select_from(Recruit))' | DBKIT_ENV_DIR=exercise/work ENV=dev python -m dbkit shell
```
""",  # noqa: E501
    "dev-5": """\
**What plain autogenerate writes, and why 0002-0004 differ.** Autogenerate compares
models and database, so it writes the end state in one revision: `add_column(...,
nullable=False)` and a unique constraint (above). That cannot run on a table with rows. The
reference splits it: 0002 adds the column nullable; 0003 fills existing rows; 0004 requires
the column and makes it unique. Autogenerate would not have written 0003 or 0004 either.
With dev back at 0002 (the column there, nullable, empty), here is what it writes for
the next step:

```console
$ DBKIT_ENV_DIR=exercise/work ENV=dev python -m alembic -c exercise/work/alembic.ini downgrade 0002
$ rm exercise/work/migrations/versions/0003_*.py exercise/work/migrations/versions/0004_*.py
$ DBKIT_ENV_DIR=exercise/work ENV=dev python -m alembic -c exercise/work/alembic.ini revision --autogenerate -m "Require personal_email_address"
$ sed -n '/^def upgrade/,/^def downgrade/p' exercise/work/migrations/versions/0003_*.py
$ rm exercise/work/migrations/versions/0003_*.py
$ cp migrations/versions/0003_*.py migrations/versions/0004_*.py exercise/work/migrations/versions/
$ DBKIT_ENV_DIR=exercise/work ENV=dev python -m alembic -c exercise/work/alembic.ini upgrade head
```

It skips 0003 entirely: autogenerate sees only the schema, never the rows, so it cannot
write the data change (every existing recruit needs an address before NOT NULL can hold),
and its `alter_column(..., nullable=False)` fails on those rows just as the one-step
revision did. Its 0004 would also be a plain `ALTER`, which locks the table for a full
scan. The reference 0003 fills the rows with `dbkit.online.backfill_in_batches`,
committing a batch of ids at a time so a busy prod table is never locked whole; the
reference 0004 uses `dbkit.online.add_not_null` (a `CHECK ... NOT VALID`, validated
without blocking writes, then `SET NOT NULL`) and `add_unique` (`CREATE UNIQUE INDEX
CONCURRENTLY`, then the constraint on that index). Their downgrades lose nothing: 0003's
clears only the placeholders it wrote (real addresses stay), 0004's drops constraints only:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0003_*.py migrations/versions/0004_*.py
...
```
""",  # noqa: E501
    "s1-9": """\
**What plain autogenerate writes, and why 0005 differs.** On dev, where the column was
added by hand, autogenerate only wrote `alter_column(..., nullable=False)` (s1-5): it
cannot know that prod lacks the column. The reference 0005 adds the column only where it
is missing (`if_not_exists=True`, so dev and prod both run it), fills it with
`backfill_in_batches` (first the cohorts a downgrade of 0005 kept in `archive`, if any,
then C25 Data Eng for everyone else) and requires it with `add_not_null`, so prod is never
locked whole. Plain autogenerate run against prod would instead write `add_column(...,
nullable=False)`, which fails on a table with rows, and no backfill:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0005_*.py
...
```
""",
}

# Before the submission step (it runs after s3-9, while the working folder is at 0007).
BEFORE_0008 = """\
### Before the submission: cohorts as a table, and what autogenerate would write

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
creates `cohorts` (or moves back the one a downgrade of 0008 kept in `archive`), fills it
from the distinct names, points every recruit at its cohort in batches
(`backfill_in_batches`), requires it (`add_not_null`), indexes it (`create_index`,
concurrently) and adds the foreign key without a long lock
(`add_foreign_key`: `NOT VALID`, then `VALIDATE`); only then does it drop the text column:

```console
$ sed -n '/^def upgrade/,/^def downgrade/p' migrations/versions/0008_*.py
...
```
"""


MAX_LINES = 40  # a longer output keeps its first and last lines around a `...`
KEEP = 12


def trim(lines: list[str]) -> list[str]:
    """The output as the page shows it: chatter lines become `...`, long outputs are cut."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if VOLATILE.match(line):
            line = "..."
        # Batches are sized by time: how many there were varies from run to run.
        line = BATCHES.sub(r"\1 ...", line)
        if not (line == "..." and out and out[-1] == "..."):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    if len(out) > MAX_LINES:
        out = [*out[:KEEP], "...", *out[-KEEP:]]
    return out


class Page:
    def __init__(self, environment: Environment) -> None:
        self.environment = environment
        self.failures: list[str] = []

    def block(self, commands: list[str]) -> str:
        """A console block of the commands, each with its output and, if not 0, its exit code."""
        body: list[str] = []
        for command in commands:
            code, output = self.environment.transcript(command)
            shown = trim(output.splitlines())
            actual = self.environment.actual(output)
            if not matches([normalise(line) for line in shown], actual):  # the harness's check
                self.failures.append(f"$ {command}: the trimmed output does not match the run")
            body.append(f"$ {command}")
            body.extend(shown)
            if code:
                body.append(f"(exit {code})")
        return "```console\n" + "\n".join(body) + "\n```\n"

    def fill(self, markdown: str) -> str:
        """Run the commands of each console block of ``markdown`` and write their output."""
        def replace(match: re.Match) -> str:
            commands = [line[2:] for line in match.group(1).splitlines() if line.startswith("$ ")]
            return self.block(commands)
        return re.sub(r"```console\n(.*?)```\n", replace, markdown, flags=re.S)


def main() -> int:
    environment = Environment()
    try:
        page = Page(environment)
        parts = [page.fill(INTRO)]
        for step in steps.STEPS:
            if step.id in PARTS:
                parts.append(PARTS[step.id] + "\n")
            parts.append(f"### {step.id}: {step.summary}\n\n> {step.asks}\n")
            parts.append(page.block([steps.render(c, WORK) for c in step.commands]))
            parts.append(textwrap.fill(step.why, 90) + "\n")
            if step.id in AFTER:
                parts.append(page.fill(AFTER[step.id]))
            if step.id == "s3-9":
                autogenerate = steps.render(
                    steps.autogenerate("Move cohorts into a cohorts table"), WORK)
                parts.append(page.fill(BEFORE_0008.replace("{autogenerate}", autogenerate)))
    finally:
        environment.close()
    if page.failures:
        print("\n".join(page.failures), file=sys.stderr)
        return 1
    path = ROOT / "LEARN.md"
    path.write_text(keep_unchanged(path.read_text() if path.exists() else "", "\n".join(parts)))
    return 0


def keep_unchanged(old: str, new: str) -> str:
    """``new``, but where a line differs from ``old`` only in what the harness normalises
    (backup stamps, sizes, durations), ``old``'s line: a rerun changes only what changed."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=[normalise(line) for line in old_lines],
                                      b=[normalise(line) for line in new_lines], autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.extend(old_lines[i1:i2] if tag == "equal" else new_lines[j1:j2])
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
