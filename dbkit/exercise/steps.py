"""The steps of the brief, in its own numbering, as the commands a learner types.

Each step is what the brief asks, the shell commands that do it (run from the
project root, exactly as printed), what each command should do (succeed, or
fail in the way the lesson wants), and a short paragraph on what happened and
why. ``python -m dbkit step ID`` prints them; ``--do`` runs them
(:mod:`dbkit.exercise.walk`). Editing models.py is a ``cp`` of the moment's
snapshot from ``exercise/<moment>/``; writing a revision by hand is ``alembic
revision -m`` (the file, its number and ``down_revision``), then a ``cp`` of the
repository's revision over it, standing in for typing its body; everything else
is alembic, psql, the seeding scripts, ``python -m dbkit shell`` and git: the
working folder is a git repository, the steps commit as a learner would ("commit
often"), situation 1's fix checks out an earlier commit, as the brief expects, and
each situation's fix is made on a feature branch of its own ("commit your
migrations to your feature branches").

``asks`` quotes the brief, its slips kept, each followed by a short note in
square brackets where it means something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypedDict, Unpack

    class CommandOptions(TypedDict, total=False):  # Command's keywords after its text
        fails: bool
        shows: str


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


def alembic(env: str, args: str, **kw: Unpack[CommandOptions]) -> Command:
    return Command(f"DBKIT_ENV_DIR={{w}} ENV={env} python -m alembic -c {{w}}/alembic.ini {args}",
                   **kw)


def script(env: str, name: str, seed: int, **kw: Unpack[CommandOptions]) -> Command:
    return Command(f"DBKIT_ENV_DIR={{w}} ENV={env} python {{w}}/{name} --seed {seed}", **kw)


def psql(*sql: str, **kw: Unpack[CommandOptions]) -> Command:
    flags = " ".join(f'-c "{statement}"' for statement in sql)
    return Command(f"DBKIT_ENV_DIR={{w}} python -m dbkit psql dev {flags}", **kw)


def shell(code: str, **kw: Unpack[CommandOptions]) -> Command:
    return Command(f'DBKIT_ENV_DIR={{w}} ENV=dev python -m dbkit shell -c "{code}"', **kw)


def models(moment: str, grep: str) -> tuple[Command, ...]:
    return (Command(f"cp exercise/{moment}/*.py {{w}}/"),
            Command(f"grep -n '{grep}' {{w}}/models.py", shows=grep.split("\\|")[0]))


def revisions(*ids: str) -> Command:
    files = " ".join(f"migrations/versions/{i}_*.py" for i in ids)
    return Command(f"cp {files} {{w}}/migrations/versions/")


def write_revision(revision: str, message: str) -> tuple[Command, ...]:
    """A revision written by hand: ``alembic revision -m`` makes the file (the next number,
    ``down_revision`` the head, an empty body), then the body is written: the repository's
    revision of the same name, copied over it."""
    slug = message.lower().replace(" ", "_")
    return (alembic("dev", f'revision -m "{message}"', shows=f"{revision}_{slug}.py"),
            Command(f"cp migrations/versions/{revision}_{slug}.py "
                    f"{{w}}/migrations/versions/{revision}_{slug}.py"))


def autogenerate(message: str, **kw: Unpack[CommandOptions]) -> Command:
    return alembic("dev", f'revision --autogenerate -m "{message}"', **kw)


def show(revision: str, **kw: Unpack[CommandOptions]) -> Command:
    return Command(f"sed -n '/^def upgrade/,/^def downgrade/p' {{w}}/migrations/versions/"
                   f"{revision}_*.py", **kw)


def remove(revision: str) -> Command:
    return Command(f"rm {{w}}/migrations/versions/{revision}_*.py")


def commit(message: str) -> Command:
    """Commit everything in the working folder, as a learner does after each piece of work."""
    return Command(f'git -C {{w}} add -A && git -C {{w}} commit -q -m "{message}" && '
                   "git -C {w} log --oneline -1", shows=message.split(":")[0])


def drift(env: str, **kw: Unpack[CommandOptions]) -> Command:
    return Command(f"DBKIT_ENV_DIR={{w}} ENV={env} python -m dbkit drift -c {{w}}/alembic.ini",
                   **kw)


# The commits the situations' fixes go back to (found by message: `git switch -c NAME ':/TEXT'`).
EMAIL_DONE = "personal_email_address in three steps: 0002, 0003, 0004"


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
          revisions("0001"), alembic("dev", "upgrade head", shows="0001"),
          commit("Recruit model and 0001: create recruits")),
         "Autogenerate compared the models with the empty database and wrote create_table. The "
         "repository's 0001 is that file with a comment; `upgrade head` ran it on dev, which is "
         "now at 0001 and marked dev. Then the first commit: the brief says commit often, and "
         "git is what lets you go back to a version that worked (situation 1 does)."),
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
          alembic("dev", "upgrade head", shows="0004"), commit(EMAIL_DONE)),
         "A NOT NULL column cannot be added to a table whose rows have no value for it: "
         "PostgreSQL refused, and the failed revision's transaction left dev at 0001. So: add "
         "it nullable (0002), give every existing row a placeholder on the reserved .invalid "
         "domain (0003), then require it and make it unique (0004). Never delete the rows. "
         "Committed: this is the version prod will get."),
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
         (script("dev", "create_c26_recruits.py", 26, shows="Wrote 5 new recruits"),
          commit("Cohort: models, 0005 and create_c26_recruits.py")),
         "Dev has the column (by hand) and the models have it: the script works. Committed, "
         "as a learner would: it all works on dev."),
    Step("s1-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head", fails=True, shows='column "cohort" of relation'),),
         "Prod never got the hand-made column, and the 0005 that autogenerate wrote only sets "
         "NOT NULL on it: it fails, and prod stays at 0004 with every row."),
    Step("s1-9", "create_c26_recruits.py on prod: what happened? Then fix it",
         "run create_c26_recruits against your prod database. What happened? ... By the end "
         "you'll have the C26 recruits in the prod database",
         (script("prod", "create_c26_recruits.py", 26, fails=True, shows="it lacks 0005"),
          Command("git -C {w} log --oneline", shows="Cohort"),
          Command(f"git -C {{w}} switch -c cohort-fix ':/{EMAIL_DONE}'",
                  shows="Switched to a new branch"),
          Command("git -C {w} checkout main -- models.py create_c26_recruits.py"),
          *write_revision("0005", "Add cohort"),
          alembic("dev", "upgrade head"), alembic("prod", "upgrade head", shows="0005"),
          script("prod", "create_c26_recruits.py", 26, shows="Wrote 5 new recruits"),
          commit("0005 that really adds cohort: nullable, C25 Data Eng, then NOT NULL")),
         "Prod is behind: it is at 0004 and lacks 0005, and that 0005 cannot run there (the "
         "script said why: it only sets NOT NULL on a column that dev got by hand and prod "
         "never had). So: back to the last commit that works everywhere (`git switch -c` "
         "from the commit prod has, as the brief says: check out an earlier commit), take "
         "the good parts of the later one (the models and the script: `git checkout main -- "
         "...`), and write the 0005 that really creates the column: `alembic revision -m` "
         "makes the file after prod's 0004, and its body (the repository's, copied over it) "
         "adds the column where it is missing, gives everyone C25 Data Eng, then requires "
         "it. Dev, already stamped 0005 with the same column, needs nothing; prod runs it "
         "and keeps every row. Then C26 goes in, and the fix is committed on its branch."),
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
         "now go to your models and rename the cohort column [the brief's slip: it means the "
         "chatname column, renamed to rocketchat_user in step 1]",
         models("4-rocketchat", "rocketchat_user"),
         "The models now match dev again."),
    Step("s2-5", "autogenerate again: did anything happen?",
         "create your migrations and look at the changes. Did anything happen?",
         (autogenerate("Rename chatname to rocketchat_user", shows="No changes"),),
         "Nothing: dev already matches the models, because it was changed by hand. No "
         "migration renames the column, so prod will never get it."),
    Step("s2-6", "the new script create_c27_recruits.py",
         "create a new script to create some c27s and run it against your dev db",
         (Command("sed -n '/^COHORT/,/^DEFAULT_COUNT/p' {w}/create_c27_recruits.py",
                  shows="C27"),),
         "The same thin script for C27."),
    Step("s2-7", "run it on dev",
         "run your script on your development database",
         (script("dev", "create_c27_recruits.py", 27, shows="Wrote 5 new recruits"),
          commit("Rocketchat_user: models and create_c27_recruits.py")),
         "Dev matches the models: it works. Committed."),
    Step("s2-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head"),),
         "Nothing: prod is at 0005, the head of this chain. The rename exists on dev only."),
    Step("s2-9", "create_c27_recruits.py on prod: what happened? Then fix it",
         "run create_c26_recruits against your prod database [the brief's slip: it means this "
         "situation's script, create_c27_recruits.py]. What happened? ... By the end you'll "
         "have the C27 recruits in the prod database",
         (script("prod", "create_c27_recruits.py", 27, fails=True,
                 shows="nobody changed it by hand"),
          Command("git -C {w} switch -c rename-fix", shows="Switched to a new branch"),
          *write_revision("0006", "Rename chatname to rocketchat_user"),
          alembic("dev", "stamp 0006"),
          alembic("prod", "upgrade head", shows="0006"),
          script("prod", "create_c27_recruits.py", 27, shows="Wrote 5 new recruits"),
          commit("0006: rename chatname to rocketchat_user, keeping every value")),
         "Prod was never changed by hand: it is exactly what its revisions make, at the head "
         "(0005). The dev side is ahead: dev was renamed by hand and the models followed, but "
         "no revision renames the column, so prod lacks it (and autogenerate found nothing "
         "on dev, which already had it). There is no earlier commit to go back to: the fix "
         "is that revision, written by hand on a feature branch (`alembic revision -m` makes "
         "0006, and its body, the repository's copied over it, is one ALTER TABLE ... "
         "RENAME COLUMN), which keeps every value (a drop + add would lose "
         "them all: the reviewer's note). Dev already has it: `stamp 0006` records that. Prod "
         "runs it; then C27 goes in. Committed."),
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
         "now go to your models and remote the column [the brief's slip: remove]",
         (Command("cp exercise/5-no-id-number/*.py {w}/"),
          Command("grep -c id_number {w}/models.py", fails=True, shows="0")),
         "The models match dev again."),
    Step("s3-5", "autogenerate again: did anything happen?",
         "create your migrations and look at the changes. Did anything happen?",
         (autogenerate("Drop id_number", shows="No changes"),),
         "Nothing: dev matches the models. Prod still has the column and its values."),
    Step("s3-6", "the new script create_c28_recruits.py",
         "create a new script to create some c28s and run it against your dev db",
         (Command("sed -n '/^COHORT/,/^DEFAULT_COUNT/p' {w}/create_c28_recruits.py",
                  shows="C28"),),
         "The same thin script for C28."),
    Step("s3-7", "run it on dev",
         "run your script on your development database",
         (script("dev", "create_c28_recruits.py", 28, shows="Wrote 5 new recruits"),
          commit("No id_number: models and create_c28_recruits.py")),
         "Dev matches the models: it works. Committed."),
    Step("s3-8", "run the migrations on prod: what happened?",
         "Now run your migrations against your prod database. What happened?",
         (alembic("prod", "upgrade head"),),
         "Nothing: prod is at 0006, the head of this chain."),
    Step("s3-9", "create_c28_recruits.py on prod: what happened? Then fix it",
         "run create_c26_recruits against your prod database [the brief's slip: it means this "
         "situation's script, create_c28_recruits.py]. What happened? ... By the end you'll "
         "have the C28 recruits in the prod database",
         (script("prod", "create_c28_recruits.py", 28, fails=True,
                 shows="nobody changed it by hand"),
          Command("git -C {w} switch -c id-number-fix", shows="Switched to a new branch"),
          *write_revision("0007", "Drop id_number"),
          psql("ALTER TABLE recruits ADD COLUMN id_number VARCHAR(13)"),
          alembic("dev", "upgrade head", shows="0007"),
          alembic("prod", "upgrade head", shows="0007"),
          script("prod", "create_c28_recruits.py", 28, shows="Wrote 5 new recruits"),
          commit("0007: drop id_number, keeping the numbers in an archive")),
         "Prod was never changed by hand: it is exactly what its revisions make, at the head "
         "(0006), id_number included (0001 made it). The dev side is ahead: dev dropped the "
         "column by hand and the models followed, but no revision drops it, so prod lacks "
         "that revision. The fix is a migration, written by hand on a feature branch "
         "(`alembic revision -m`, then its body: the repository's, copied over it), and in "
         "prod drop must never mean lose: 0007 copies every id number into "
         "archive.recruit_id_numbers before it drops the column "
         "(its downgrade puts them back). Dev gets the column back by hand and runs 0007 too. "
         "Then C28 goes in: C25 to C28 are in prod and no value was lost. Committed."),
    Step("submit", "the submission: the cohorts table, every script on prod, committed",
         "commit your migrations to your feature branches. The migrations should get your "
         "database to a point where the recruit and cohort tables are both set up properly. "
         "We'll also need you to give us a bunch of working scripts for creating recruits.",
         (Command("cp exercise/6-cohorts/*.py {w}/"),
          Command("grep -n '^class' {w}/models.py", shows="class Cohort"),
          revisions("0008"),
          alembic("dev", "upgrade head", shows="0008"),
          alembic("prod", "upgrade head", shows="0008"),
          script("prod", "create_recruits.py", 25, shows="already there"),
          script("prod", "create_c26_recruits.py", 26, shows="already there"),
          script("prod", "create_c27_recruits.py", 27, shows="already there"),
          script("prod", "create_c28_recruits.py", 28, shows="already there"),
          commit("Submission: a cohorts table (0008) and every seeding script"),
          Command("git -C {w} log --oneline --graph --all", shows="Submission"),
          drift("prod", shows="In sync")),
         "The cohorts get a table of their own: 0008 makes it, fills it from the recruits' "
         "cohort names and points each recruit at its row (written by hand, since autogenerate "
         "would drop the names). Every seeding script runs against prod and adds nobody twice. "
         "What you have now: a chain 0001 to 0008 that builds the recruit and cohort tables "
         "from nothing and carries prod through every change without losing a value (the id "
         "numbers are archived); four working seeding scripts; and a git history on the "
         "cohort-fix feature branch that shows each step, the bad 0005 left behind on main. "
         "`dbkit drift` says prod is in sync with the models and the migrations: done."),
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
           alembic("dev", "upgrade head"), commit("Recruit model and 0001: create recruits"),
           script("dev", "create_recruits.py", 25),
           Command("cp exercise/2-email/*.py {w}/"), revisions("0002", "0003", "0004"),
           alembic("dev", "upgrade head"), commit(EMAIL_DONE))
    prod_c25 = (alembic("prod", "upgrade head"), script("prod", "create_recruits.py", 25))

    def cohort(moment: str, revision: str, name: str, seed: int) -> tuple[Command, ...]:
        return (Command(f"cp exercise/{moment}/*.py {{w}}/"), revisions(revision),
                alembic("dev", "upgrade head"), alembic("prod", "upgrade head"),
                script("dev", name, seed), script("prod", name, seed),
                commit(f"{revision} and {name}"))

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

