"""A Core statement on an ORM class the revision imports from its project reads the class's
table (ovangle/lab-requests 4ca536e7c741 fills ``installed_model_name`` with
``sa.update(EquipmentInstallation).values(...)``, the class from ``db.models``; the next
revision's NOT NULL was reported as never filled: held-out35). Pure parsing: no database."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_cases import findings

from dbkit.review.reader import read_revision

MODELS = '''from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Recruit(Base):
    __tablename__ = "recruits"
    id: Mapped[int] = mapped_column(primary_key=True)
    cohort: Mapped[str | None]
'''

CREATE = '''"""recruits"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("recruits")
'''

FILL = '''"""a cohort for every recruit, then NOT NULL"""
from alembic import op
import sqlalchemy as sa

from app.models import Recruit

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(20), nullable=True))
    {fill}
    op.alter_column("recruits", "cohort", nullable=False)


def downgrade():
    op.drop_column("recruits", "cohort")
'''


def _project(tmp_path: Path, fill: str) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "models.py").write_text(MODELS)
    versions = tmp_path / "migrations" / "versions"
    versions.mkdir(parents=True)
    (versions / "0001_recruits.py").write_text(CREATE)
    (versions / "0002_cohort.py").write_text(FILL.format(fill=fill))
    return versions


@pytest.mark.parametrize("fill", [
    "op.execute(sa.update(Recruit).values(cohort='none'))",
    "op.get_bind().execute(sa.update(Recruit).values(cohort='none'))",
])
def test_an_update_of_an_imported_model_fills_its_table(tmp_path, fill):
    versions = _project(tmp_path, fill)
    ops = read_revision(versions / "0002_cohort.py", "0002_cohort.py").upgrade
    assert [(o.name, o.table, sorted(o.writes)) for o in ops if o.name == "backfill"] == [
        ("backfill", "recruits", [("recruits", "cohort")])]
    assert not [f for f in findings(versions) if f.rule == "not-null-without-backfill"]


def test_without_the_update_the_not_null_is_reported(tmp_path):
    versions = _project(tmp_path, "pass")
    assert [(f.rule, f.line) for f in findings(versions)
            if f.rule == "not-null-without-backfill"] == [("not-null-without-backfill", 14)]
