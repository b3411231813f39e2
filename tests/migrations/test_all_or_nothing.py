"""A revision that fails leaves nothing half done, and runs again once fixed.

The project's migrations are copied into a temporary folder with one more,
test-only revision 0009 that fails on purpose; a temporary alembic.ini points
at the copy, so the real chain is never touched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import PROJECT_ROOT

HEADER = '''"""Test-only revision

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa

from dbkit.online import add_unique, backfill_in_batches

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def downgrade() -> None:
    op.drop_column("recruits", "nickname")
'''

TRANSACTIONAL = HEADER + '''

def upgrade() -> None:
    op.add_column("recruits", sa.Column("nickname", sa.String(100)))
    op.execute("UPDATE recruits SET nickname = first_name")
    op.execute("UPDATE recruits SET github_name = 'changed'")
    op.execute("SELECT 1 / {divisor}")
'''

# Autocommit blocks (dbkit.online) commit as they go: a failure midway keeps
# what went before, and the revision is written so a re-run picks up from there.
ONLINE = HEADER + '''

def upgrade() -> None:
    op.add_column("recruits", sa.Column("nickname", sa.String(100)), if_not_exists=True)
    backfill_in_batches("recruits", set_="nickname = first_name", where="nickname IS NULL")
    add_unique("uq_recruits_github_name", "recruits", ["github_name"])
'''


@pytest.fixture
def chain(tmp_path, use_database) -> Path:
    """A copy of migrations/ and an alembic.ini for it; returns the path of revision 0009."""
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    ini = (PROJECT_ROOT / "alembic.ini").read_text().replace(
        "script_location = %(here)s/migrations", f"script_location = {tmp_path}/migrations")
    (tmp_path / "alembic.ini").write_text(ini)
    return tmp_path / "migrations" / "versions" / "0009_test_only.py"


def alembic_on(revision_file: Path, *args: str) -> None:
    from alembic.config import main

    main(argv=["-c", str(revision_file.parents[2] / "alembic.ini"), *args])


def snapshot(engine) -> tuple:
    with engine.connect() as conn:
        return (conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar(),
                {c["name"] for c in sa.inspect(conn).get_columns("recruits")},
                conn.execute(sa.text("SELECT * FROM recruits ORDER BY id")).all())


def seed(engine, github_names: list[str]) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO cohorts (name) VALUES ('C26 Data Eng')"))
        for n, github in enumerate(github_names):
            conn.execute(sa.text(
                "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
                "personal_email_address, cohort_id) VALUES ('Ann', 'Lee', :chat, :github, "
                ":email, 1)"), {"chat": f"ann{n}", "github": github,
                                "email": f"ann+{n}@example.org"})


def test_a_failing_revision_leaves_the_previous_revision_and_nothing_else(chain, engine):
    chain.write_text(TRANSACTIONAL.format(divisor=0))
    alembic_on(chain, "upgrade", "0008")
    seed(engine, ["ann-gh", "bob-gh"])
    before = snapshot(engine)

    with pytest.raises(SystemExit, match="error: the migration failed: division by zero; "
                       r"the dev database .* stays at 0008 \(Move cohorts"):
        alembic_on(chain, "upgrade", "head")
    assert snapshot(engine) == before  # at 0008, no nickname column, no row changed

    chain.write_text(TRANSACTIONAL.format(divisor="1.0"))  # another size: no stale .pyc
    alembic_on(chain, "upgrade", "head")
    version, columns, rows = snapshot(engine)
    assert version == "0009" and "nickname" in columns
    assert {(r.nickname, r.github_name) for r in rows} == {("Ann", "changed")}


def test_an_online_revision_that_failed_midway_runs_again_once_the_data_is_fixed(chain, engine):
    chain.write_text(ONLINE)
    alembic_on(chain, "upgrade", "0008")
    seed(engine, ["same-gh", "same-gh", "other-gh"])

    with pytest.raises(SystemExit, match="error: the migration failed: could not create "
                       r"unique index .*; the dev database .* stays at 0008"):
        alembic_on(chain, "upgrade", "head")
    version, columns, _ = snapshot(engine)
    assert version == "0008"  # not stamped: a re-run will run 0009 again
    assert "nickname" in columns  # committed by the autocommit block before the failure
    with engine.connect() as conn:
        # The failed concurrent build left an invalid index behind, as PostgreSQL does.
        assert conn.execute(sa.text("SELECT indisvalid FROM pg_index WHERE indexrelid = "
                                    "to_regclass('uq_recruits_github_name')")).scalar() is False

    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE recruits SET github_name = 'same-gh-2' "
                             "WHERE id = (SELECT max(id) FROM recruits WHERE github_name = 'same-gh')"))
    alembic_on(chain, "upgrade", "head")
    version, columns, rows = snapshot(engine)
    assert version == "0009"
    assert [r.nickname for r in rows] == ["Ann"] * 3
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT contype FROM pg_constraint "
                                    "WHERE conname = 'uq_recruits_github_name'")).scalar() == "u"


SECOND = '''"""Test-only revision that fails

Revision ID: 0010
Revises: 0009
"""
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE recruits SET nickname = 'lost'")
    op.execute("SELECT 1 / 0")


def downgrade() -> None:
    pass
'''


def test_each_revision_is_its_own_transaction_so_a_failure_keeps_the_ones_before(chain, engine):
    chain.write_text(TRANSACTIONAL.format(divisor="1.0"))
    chain.with_name("0010_test_only_fails.py").write_text(SECOND)
    alembic_on(chain, "upgrade", "0008")
    seed(engine, ["ann-gh", "bob-gh"])

    with pytest.raises(SystemExit, match="error: the migration failed: division by zero; "
                       r"the dev database .* stays at 0009 "):
        alembic_on(chain, "upgrade", "head")
    version, columns, rows = snapshot(engine)
    assert version == "0009" and "nickname" in columns  # 0009 committed on its own
    assert {(r.nickname, r.github_name) for r in rows} == {("Ann", "changed")}  # 0010 undone
