"""The steps of the brief, in its own numbering, as the commands a learner types.

Each step is what the brief asks, the shell commands that do it (run from the
project root, exactly as printed), what each command should do (succeed, or
fail in the way the lesson wants), and a short paragraph on what happened and
why. ``python -m dbkit step ID`` prints them; ``--do`` runs them
(:mod:`dbkit.exercise.walk`). Editing models.py is a ``cp`` of the moment's
snapshot from ``exercise/<moment>/``; everything else is alembic, psql, the
seeding scripts and ``python -m dbkit shell``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    text: str  # a shell command, run from the project root; {w} is the working folder
    fails: bool = False  # the lesson wants it to fail
    shows: str = ""  # the output must contain this


@dataclass(frozen=True)
class Step:
    id: str
    summary: str
    asks: str  # the brief's words
    commands: tuple[Command, ...]
    why: str  # what happened and why, shown after --do


def alembic(env: str, args: str, **kw) -> Command:
    return Command(f"DBKIT_ENV_DIR={{w}} ENV={env} python -m alembic -c {{w}}/alembic.ini {args}",
                   **kw)


def script(env: str, name: str, seed: int, **kw) -> Command:
    return Command(f"DBKIT_ENV_DIR={{w}} ENV={env} python {{w}}/{name} --seed {seed}", **kw)


def psql(*sql: str, **kw) -> Command:
    flags = " ".join(f'-c "{statement}"' for statement in sql)
    return Command(f"DBKIT_ENV_DIR={{w}} python -m dbkit psql dev {flags}", **kw)


def shell(code: str, **kw) -> Command:
    return Command(f'DBKIT_ENV_DIR={{w}} ENV=dev python -m dbkit shell -c "{code}"', **kw)


def models(moment: str, grep: str) -> tuple[Command, ...]:
    return (Command(f"cp exercise/{moment}/*.py {{w}}/"),
            Command(f"grep -n '{grep}' {{w}}/models.py", shows=grep.split("\\|")[0]))


def revisions(*ids: str) -> Command:
    files = " ".join(f"migrations/versions/{i}_*.py" for i in ids)
    return Command(f"cp {files} {{w}}/migrations/versions/")


def autogenerate(message: str, **kw) -> Command:
    return alembic("dev", f'revision --autogenerate -m "{message}"', **kw)


def show(revision: str, **kw) -> Command:
    return Command(f"sed -n '/^def upgrade/,/^def downgrade/p' {{w}}/migrations/versions/"
                   f"{revision}_*.py", **kw)


def remove(revision: str) -> Command:
    return Command(f"rm {{w}}/migrations/versions/{revision}_*.py")


QUERY = "session.scalars(select(Recruit)).first()"

STEPS: tuple[Step, ...] = (
    Step("dev-1", "write the models of a Recruit",
         "write some sql alchemy models to describe a Recruit: first name, surname, chatname, "
         "github name, id number",
         (Command("cp exercise/1-recruit/*.py {w}/"),
          Command("sed -n '/^class Recruit/,$p' {w}/models.py", shows="id_number")),
         "models.py now describes the table; the database knows nothing of it yet. id_number is "
         "optional: not every recruit has a national id number."),
    Step("dev-2", "create the first migration and run it on dev",
         "create some migrations and run them against your dev database. Take a look inside the "
         "migration files",
         (autogenerate("Create recruits", shows="Generating"), show("0001", shows="create_table"),
          revisions("0001"), alembic("dev", "upgrade head", shows="0001")),
         "Autogenerate compared the models with the empty database and wrote create_table. The "
         "repository's 0001 is that file with a comment; `upgrade head` ran it on dev, which is "
         "now at 0001 and marked dev."),
    Step("dev-3", "create_recruits.py adds invented recruits to dev",
         "write a small script called create_recruits.py that adds some new recruits to the "
         "database and run it against your dev database",
         (script("dev", "create_recruits.py", 25, shows="Wrote 10 new recruits"),),
         "The script writes the columns its models know: no e-mail address yet. Same seed, "
         "same people: a second run adds nothing."),
    Step("dev-4", "add a required, unique personal_email_address to the models",
         "add a new column to your sqlalchemy model for personal_email_address. Set it to be a "
         "required field, and must be unique",
         models("2-email", "personal_email_address"),
         "Only the models changed; dev still has no such column."),
    Step("dev-5", "make the migration and run it: it fails, so do it in three steps",
         "make your migrations again and run them. This step wont go smoothly - you'll need to "
         "do it in a few steps",
         (autogenerate("Add personal_email_address", shows="Generating"),
          show("0002", shows="nullable=False"),
          alembic("dev", "upgrade head", fails=True, shows="contains null values"),
          remove("0002"), revisions("0002", "0003", "0004"),
          alembic("dev", "upgrade head", shows="0004")),
         "A NOT NULL column cannot be added to a table whose rows have no value for it: "
         "PostgreSQL refused, and the failed revision's transaction left dev at 0001. So: add "
         "it nullable (0002), give every existing row a placeholder on the reserved .invalid "
         "domain (0003), then require it and make it unique (0004). Never delete the rows."),
    Step("dev-6", "look at the migration files",
         "Look at your migration files. They should make sense",
         (alembic("dev", "history", shows="0004"),
          Command("grep -h '^def \\|    op\\.\\|    add_\\|    backfill' "
                  "{w}/migrations/versions/000[234]_*.py", shows="backfill_in_batches")),
         "Each revision does one thing, and its downgrade undoes it. 0003 and 0004 use "
         "dbkit.online so a busy table is never locked for a full scan (see LEARN.md)."),
    Step("prod-1", "run every migration on prod (the rehearsal)",
         "run all your migrations",
         (alembic("prod", "upgrade head", shows="0004"),),
         "Prod ran 0001 to 0004 in order on an empty table; a backup was taken first, as on "
         "every prod change. This is the rehearsal database: the real prod was not touched."),
    Step("prod-2", "create_recruits.py, now with addresses, on prod",
         "update your create_recruits script to add personal_email_address values, then run it "
         "against the prod database",
         (script("prod", "create_recruits.py", 25, shows="Wrote 10 new recruits"),),
         "The script writes what its models know, and the models have the address now. This "
         "should have been quite smooth."),
    Step("s1-1", "psql on dev: add a cohort column by hand, everyone in C25 Data Eng",
         "open up a psql shell and add a new column to your database called cohort. manually "
         "update the data - everyone is in C25 Data Eng",
         (psql("ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100)",
               "UPDATE recruits SET cohort = 'C25 Data Eng'", shows="UPDATE 10"),),
         "Dev has a column that no model and no migration knows about."),
    Step("s1-2", "query with the models in a Python shell: what happened?",
         "open a python shell and use your models to query the data. What happened?",
         (shell(QUERY, shows="Recruit(id=1"),),
         "It works: a query names only the columns the models know, so an extra column is "
         "invisible to them."),
    Step("s1-3", "autogenerate: any changes? what would running them do?",
         "now create your migrations and look at the changes. Are there any changes? What will "
         "happen if you run your migrations?",
         (autogenerate("Sync with the database", shows="Generating"),
          show("0005", shows="drop_column('recruits', 'cohort')"), remove("0005")),
         "The models are the truth, so autogenerate wants to drop the hand-made column: running "
         "it would throw away the cohorts you just typed. The file is removed."),
    Step("s1-4", "add a required cohort to the models",
         "now go to your models and add a required cohort column",
         models("3-cohort", "cohort"),
         "The models now match dev's hand-made column (and ask for NOT NULL)."),
    Step("s1-5", "autogenerate again: did anything happen?",
         "create your migrations and look at the changes. Did anything happen?",
         (autogenerate("Add cohort", shows="Generating"), show("0005", shows="nullable=False"),
          alembic("dev", "upgrade head", shows="0005")),
         "Almost nothing: dev already has the column, so the only difference autogenerate sees "
         "is NOT NULL. No revision creates the column: this one works on dev only."),
    Step("s1-6", "the new script create_c26_recruits.py",
         "Now make a new script called create_c26_recruits.py. Use it to add 5 random c26 "
         "recruits to your database",
         (Command("sed -n '/^COHORT/,/^DEFAULT_COUNT/p' {w}/create_c26_recruits.py",
                  shows="C26"),),
         "The same thin script, another cohort: five recruits by default."),
    Step("s1-7", "run it on dev",
         "run your script on your development database",
         (script("dev", "create_c26_recruits.py", 26, shows="Wrote 5 new recruits"),),
         "Dev has the column (by hand) and the models have it: the script works."),
    Step("s1-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head", fails=True, shows='column "cohort" of relation'),),
         "Prod never got the hand-made column, and the 0005 that autogenerate wrote only sets "
         "NOT NULL on it: it fails, and prod stays at 0004 with every row."),
    Step("s1-9", "create_c26_recruits.py on prod: what happened? Then fix it",
         "run create_c26_recruits against your prod database. What happened? ... By the end "
         "you'll have the C26 recruits in the prod database",
         (script("prod", "create_c26_recruits.py", 26, fails=True, shows="not at head 0005"),
          remove("0005"), revisions("0005"),
          alembic("dev", "upgrade head"), alembic("prod", "upgrade head", shows="0005"),
          script("prod", "create_c26_recruits.py", 26, shows="Wrote 5 new recruits")),
         "The script refused prod at 0004. The fix is the migration that really creates the "
         "column: the repository's 0005 adds it where it is missing (if_not_exists), gives "
         "everyone C25 Data Eng, then requires it. Dev, already stamped 0005 with the same "
         "column, needs nothing; prod runs it and keeps every row. Then C26 goes in."),
    Step("s2-1", "psql on dev: rename chatname to rocketchat_user by hand",
         "open up a psql shell and rename the chatname column to rocketchat_user",
         (psql("ALTER TABLE recruits RENAME COLUMN chatname TO rocketchat_user",
               shows="ALTER TABLE"),),
         "Dev's column has a new name; the models and migrations still say chatname."),
    Step("s2-2", "query with the models: what happened?",
         "open up a python shell and try to query your db. what happened?",
         (shell(QUERY, fails=True, shows="chatname"),),
         "It fails: the models select recruits.chatname, which dev no longer has. A missing "
         "column breaks every query; an extra one (situation 1) breaks none."),
    Step("s2-3", "autogenerate: any changes? what would running them do?",
         "now create your migrations and look at the changes. Are there any changes? What will "
         "happen if you run your migrations?",
         (autogenerate("Sync with the database", shows="Generating"),
          show("0006", shows="chatname"), remove("0006")),
         "Autogenerate cannot see a rename: it writes add chatname + drop rocketchat_user, which "
         "would lose every value (and the NOT NULL add fails on a table with rows). Removed."),
    Step("s2-4", "rename chatname to rocketchat_user in the models",
         "now go to your models and rename the chatname column",
         models("4-rocketchat", "rocketchat_user"),
         "The models now match dev again."),
    Step("s2-5", "autogenerate again: did anything happen?",
         "create your migrations and look at the changes. Did anything happen?",
         (autogenerate("Rename chatname to rocketchat_user", shows="No changes"),),
         "Nothing: dev already matches the models, because it was changed by hand. No "
         "migration renames the column, so prod will never get it."),
    Step("s2-6", "the new script create_c27_recruits.py",
         "create a new script to create some c27s",
         (Command("sed -n '/^COHORT/,/^DEFAULT_COUNT/p' {w}/create_c27_recruits.py",
                  shows="C27"),),
         "The same thin script for C27."),
    Step("s2-7", "run it on dev",
         "run your script on your development database",
         (script("dev", "create_c27_recruits.py", 27, shows="Wrote 5 new recruits"),),
         "Dev matches the models: it works."),
    Step("s2-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head"),),
         "Nothing: prod is at 0005, the head of this chain. The rename exists on dev only."),
    Step("s2-9", "create_c27_recruits.py on prod: what happened? Then fix it",
         "run create_c27_recruits against your prod database. What happened? ... By the end "
         "you'll have the C27 recruits in the prod database",
         (script("prod", "create_c27_recruits.py", 27, fails=True, shows="rocketchat_user"),
          revisions("0006"), alembic("dev", "stamp 0006"),
          alembic("prod", "upgrade head", shows="0006"),
          script("prod", "create_c27_recruits.py", 27, shows="Wrote 5 new recruits")),
         "Prod still says chatname, so the script refused. The fix is a real rename, written by "
         "hand: 0006 is one ALTER TABLE ... RENAME COLUMN, which keeps every value (a drop + "
         "add would lose them all: the reviewer's note). Dev already has it: `stamp 0006` "
         "records that. Prod runs it; then C27 goes in."),
    Step("s3-1", "psql on dev: drop the id_number column by hand",
         "open up a psql shell and delete the id number column",
         (psql("ALTER TABLE recruits DROP COLUMN id_number", shows="ALTER TABLE"),),
         "Dev's id numbers are gone (dev data is disposable)."),
    Step("s3-2", "query with the models: what happened?",
         "open up a python shell and try to query your db. what happened?",
         (shell(QUERY, fails=True, shows="id_number"),),
         "It fails: the models still select recruits.id_number."),
    Step("s3-3", "autogenerate: any changes? what would running them do?",
         "now create your migrations and look at the changes. Are there any changes? What will "
         "happen if you run your migrations?",
         (autogenerate("Sync with the database", shows="Generating"),
          show("0007", shows="add_column('recruits'"), remove("0007")),
         "It adds id_number back, empty: the values would not come back. Removed."),
    Step("s3-4", "remove id_number from the models",
         "now go to your models and remove the column",
         (Command("cp exercise/5-no-id-number/*.py {w}/"),
          Command("grep -c id_number {w}/models.py", fails=True, shows="0")),
         "The models match dev again."),
    Step("s3-5", "autogenerate again: did anything happen?",
         "create your migrations and look at the changes. Did anything happen?",
         (autogenerate("Drop id_number", shows="No changes"),),
         "Nothing: dev matches the models. Prod still has the column and its values."),
    Step("s3-6", "the new script create_c28_recruits.py",
         "create a new script to create some c28s",
         (Command("sed -n '/^COHORT/,/^DEFAULT_COUNT/p' {w}/create_c28_recruits.py",
                  shows="C28"),),
         "The same thin script for C28."),
    Step("s3-7", "run it on dev",
         "run your script on your development database",
         (script("dev", "create_c28_recruits.py", 28, shows="Wrote 5 new recruits"),),
         "Dev matches the models: it works."),
    Step("s3-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head"),),
         "Nothing: prod is at 0006, the head of this chain."),
    Step("s3-9", "create_c28_recruits.py on prod: what happened? Then fix it",
         "run create_c28_recruits against your prod database. What happened? ... By the end "
         "you'll have the C28 recruits in the prod database",
         (script("prod", "create_c28_recruits.py", 28, fails=True, shows="id_number"),
          revisions("0007"),
          psql("ALTER TABLE recruits ADD COLUMN id_number VARCHAR(13)"),
          alembic("dev", "upgrade head", shows="0007"),
          alembic("prod", "upgrade head", shows="0007"),
          script("prod", "create_c28_recruits.py", 28, shows="Wrote 5 new recruits")),
         "Prod still has id_number, which the models no longer know, so the script refused. "
         "The fix is a migration, and in prod drop must never mean lose: 0007 copies every id "
         "number into archive.recruit_id_numbers before it drops the column (its downgrade "
         "puts them back). Dev gets the column back by hand and runs 0007 too. Then C28 goes "
         "in: C25 to C28 are in prod and no value was lost."),
)

BY_ID: dict[str, Step] = {step.id: step for step in STEPS}
IDS: tuple[str, ...] = tuple(BY_ID)


def previous(step_id: str) -> str | None:
    index = IDS.index(step_id)
    return IDS[index - 1] if index else None


# Where each part of the brief starts, and how to get there from nothing, faster than
# replaying every step: the commands a learner who got it right would have run.
def _section_builds() -> dict[str, tuple[Command, ...]]:
    c25 = (Command("cp exercise/1-recruit/*.py {w}/"), revisions("0001"),
           alembic("dev", "upgrade head"), script("dev", "create_recruits.py", 25),
           Command("cp exercise/2-email/*.py {w}/"), revisions("0002", "0003", "0004"),
           alembic("dev", "upgrade head"))
    prod_c25 = (alembic("prod", "upgrade head"), script("prod", "create_recruits.py", 25))

    def cohort(moment: str, revision: str, name: str, seed: int) -> tuple[Command, ...]:
        return (Command(f"cp exercise/{moment}/*.py {{w}}/"), revisions(revision),
                alembic("dev", "upgrade head"), alembic("prod", "upgrade head"),
                script("dev", name, seed), script("prod", name, seed))

    s2 = c25 + prod_c25 + cohort("3-cohort", "0005", "create_c26_recruits.py", 26)
    s3 = s2 + cohort("4-rocketchat", "0006", "create_c27_recruits.py", 27)
    return {"dev-1": (), "prod-1": c25, "s1-1": c25 + prod_c25, "s2-1": s2, "s3-1": s3}


SECTIONS: dict[str, tuple[Command, ...]] = _section_builds()


def section_of(step_id: str) -> str:
    """The first step of the part of the brief ``step_id`` is in."""
    start = IDS[0]
    for candidate in IDS[: IDS.index(step_id) + 1]:
        if candidate in SECTIONS:
            start = candidate
    return start


def render(command: Command, work: str) -> str:
    return command.text.replace("{w}", work)

