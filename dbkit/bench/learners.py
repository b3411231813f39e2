"""Two learners' repositories, written as learners write them: the grader's tests and benchmark.

``careful`` does everything the brief asks: a backfill before NOT NULL, a named unique
constraint, a revision that imports its models, the cohort moved into a ``cohorts`` table
with a foreign key, a real rename, the four scripts (ORM, through its own ``models.py``, each
naming its own database URL), six commits. ``hasty`` does what the public submissions often
do: NOT NULL with no default, an unnamed unique constraint, ``rocketchat_user`` added and
``chat_name`` dropped, ``id_number`` kept, a ``chort`` column, scripts missing or wrong, one commit.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

HEADER = '''"""{title}"""
from alembic import op
import sqlalchemy as sa

revision = {revision!r}
down_revision = {down!r}
branch_labels = None
depends_on = None

'''

CAREFUL = [
    ("0001", None, "recruits", """
def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_name", sa.String(50)),
        sa.Column("surname", sa.String(50)),
        sa.Column("chatname", sa.String(50)),
        sa.Column("github_name", sa.String(50)),
        sa.Column("id_number", sa.String(13)),
    )


def downgrade():
    op.drop_table("recruits")
"""),
    ("0002", "0001", "personal email, filled, then required and unique", """
def upgrade():
    op.add_column("recruits", sa.Column("personal_email_address", sa.String(120)))
    op.execute("UPDATE recruits SET personal_email_address = 'recruit' || id || '@example.org' "
               "WHERE personal_email_address IS NULL")
    op.alter_column("recruits", "personal_email_address", nullable=False)
    op.create_unique_constraint("uq_recruits_email", "recruits", ["personal_email_address"])


def downgrade():
    op.drop_constraint("uq_recruits_email", "recruits", type_="unique")
    op.drop_column("recruits", "personal_email_address")
"""),
    ("0003", "0002", "cohort", """
from models import Base  # the learner's models (their engine's URL is not the run's)

COHORT = Base.metadata.tables["recruits"].name and "cohort"


def upgrade():
    op.add_column("recruits", sa.Column(COHORT, sa.String(50), nullable=False,
                                        server_default="C25 Data Eng"))


def downgrade():
    op.drop_column("recruits", "cohort")
"""),
    ("0004", "0003", "cohorts table", """
def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(50), nullable=False, unique=True))
    op.execute("INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits")
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer))
    op.execute("UPDATE recruits r SET cohort_id = c.id FROM cohorts c WHERE c.name = r.cohort")
    op.alter_column("recruits", "cohort_id", nullable=False)
    op.create_foreign_key("fk_recruits_cohort", "recruits", "cohorts", ["cohort_id"], ["id"])
    op.drop_column("recruits", "cohort")


def downgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(50)))
    op.execute("UPDATE recruits r SET cohort = c.name FROM cohorts c WHERE c.id = r.cohort_id")
    op.alter_column("recruits", "cohort", nullable=False, server_default="C25 Data Eng")
    op.drop_constraint("fk_recruits_cohort", "recruits", type_="foreignkey")
    op.drop_column("recruits", "cohort_id")
    op.drop_table("cohorts")
"""),
    ("0005", "0004", "rocketchat", """
def upgrade():
    op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")


def downgrade():
    op.alter_column("recruits", "rocketchat_user", new_column_name="chatname")
"""),
    ("0006", "0005", "no id number", """
def upgrade():
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
"""),
]

CAREFUL_MODELS = '''
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

engine = create_engine("postgresql://learner:hunter2@localhost:5432/recruits_dev")
Session = sessionmaker(bind=engine)
Base = declarative_base()


class Cohort(Base):
    __tablename__ = "cohorts"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False, unique=True)


class Recruit(Base):
    __tablename__ = "recruits"
    id = Column(Integer, primary_key=True)
    first_name = Column(String(50))
    surname = Column(String(50))
    rocketchat_user = Column(String(50))
    github_name = Column(String(50))
    personal_email_address = Column(String(120), nullable=False, unique=True)
    cohort_id = Column(Integer, ForeignKey("cohorts.id"), nullable=False)
    cohort = relationship(Cohort)
'''

CAREFUL_SCRIPT = '''
from models import Cohort, Recruit, Session

COHORT = {cohort!r}

with Session() as session:
    cohort = session.query(Cohort).filter_by(name=COHORT).one_or_none() or Cohort(name=COHORT)
    for n in range({count}):
        session.add(Recruit(first_name=f"Ada{{n}}", surname="Lovelace",
                            rocketchat_user=f"ada{{n}}", github_name=f"ada{{n}}",
                            personal_email_address=f"{{COHORT[:3]}}.ada{{n}}@example.org",
                            cohort=cohort))
    session.commit()
'''

HASTY = [
    ("a1", None, "recruit", """
def upgrade():
    op.create_table(
        "recruit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("first_name", sa.String(50)),
        sa.Column("surname", sa.String(50)),
        sa.Column("chat_name", sa.String(50)),
        sa.Column("github_name", sa.String(50)),
        sa.Column("id_number", sa.String(13)),
    )


def downgrade():
    op.drop_table("recruit")
"""),
    ("a2", "a1", "email", """
def upgrade():
    op.add_column("recruit", sa.Column("personal_email_address", sa.String(120), nullable=False))
    op.create_unique_constraint(None, "recruit", ["personal_email_address"])


def downgrade():
    op.drop_constraint(None, "recruit", type_="unique")
    op.drop_column("recruit", "personal_email_address")
"""),
    ("a3", "a2", "rocketchat", """
def upgrade():
    op.add_column("recruit", sa.Column("rocketchat_user", sa.String(50)))
    op.drop_column("recruit", "chat_name")


def downgrade():
    op.add_column("recruit", sa.Column("chat_name", sa.String(50)))
    op.drop_column("recruit", "rocketchat_user")
"""),
    ("a4", "a3", "chort", """
def upgrade():
    op.add_column("recruit", sa.Column("chort", sa.String(50)))


def downgrade():
    op.drop_column("recruit", "chort")
"""),
]

HASTY_SCRIPTS = {
    "create_recruits.py": '''
import psycopg2
from flask_script import Manager  # noqa: F401  (not installed: stood in for)

connection = psycopg2.connect(database="production", user="user", password="pass",
                              host="localhost", port=5432)
cursor = connection.cursor()
cursor.execute("INSERT INTO recruit (first_name, chat_name) VALUES ('Grace', 'grace')")
connection.commit()
''',
    "create_c26_recruits.py": '''
import psycopg2
from flask_script import Manager

connection = psycopg2.connect(database="production", user="user", password="pass",
                              host="localhost", port=5432)
manager = Manager(None)
if __name__ == "__main__":
    manager.run()
''',
    "create_c27_recruits.py": '''
import psycopg2

connection = psycopg2.connect("dbname=production user=user password=pass host=localhost")
cursor = connection.cursor()
cursor.execute("INSERT INTO recruit (first_name, personal_email_address, chort) "
               "VALUES ('Alan', 'alan@example.org', 'c20 Java')")
connection.commit()
''',
}


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), "-c", "user.name=Learner",
                    "-c", "user.email=learner@example.org", "-c", "commit.gpgsign=false", *args],
                   check=True, capture_output=True)


def write_revision(versions: Path, revision: str, down: str | None, title: str, body: str) -> None:
    text = HEADER.format(title=title, revision=revision, down=down) + textwrap.dedent(body)
    (versions / f"{revision}_{title.split()[0].strip(',')}.py").write_text(text)


def careful(folder: Path) -> Path:
    """A repository that does everything the brief asks, committed revision by revision."""
    versions = folder / "migrations" / "versions"
    versions.mkdir(parents=True)
    (folder / "migrations" / "env.py").write_text("# the learner's env.py (never run)\n")
    (folder / "alembic.ini").write_text("[alembic]\nscript_location = migrations\n")
    git(folder, "init", "-q", "-b", "main")
    (folder / "models.py").write_text(CAREFUL_MODELS)
    for revision, down, title, body in CAREFUL:
        write_revision(versions, revision, down, title, body)
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", f"migration: {title}")
    scripts = {"create_recruits.py": ("C25 Data Eng", 3), "create_c26_recruits.py": ("C26 Data Eng", 5),
               "create_c27_recruits.py": ("C27 Data Eng", 5), "create_c28_recruits.py": ("C28 Data Eng", 5)}
    for name, (cohort, count) in scripts.items():
        (folder / name).write_text(CAREFUL_SCRIPT.format(cohort=cohort, count=count))
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "the seeding scripts")
    return folder


def hasty(folder: Path) -> Path:
    """A repository with the usual mistakes, in one commit."""
    versions = folder / "migrations" / "versions"
    versions.mkdir(parents=True)
    (folder / "migrations" / "env.py").write_text("# Flask-Migrate's env.py\n")
    (folder / "migrations" / "alembic.ini").write_text("[alembic]\n\n[loggers]\nkeys = root\n")
    for revision, down, title, body in HASTY:
        write_revision(versions, revision, down, title, body)
    for name, text in HASTY_SCRIPTS.items():
        (folder / name).write_text(text)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "first commit")
    return folder
