"""rebuild exercises by hand (SQLite): copy, drop, rename the copy back"""
from alembic import op

revision = "0002"
down_revision = "0001"


def _rebuild(with_rating: bool) -> None:
    extra = ", rating INTEGER" if with_rating else ""
    op.execute(f"CREATE TABLE exercises_new (id INTEGER NOT NULL, name VARCHAR(150) NOT NULL{extra}, PRIMARY KEY (id))")
    op.execute("INSERT INTO exercises_new (id, name) SELECT id, name FROM exercises")  # dbkit: ignore line-length
    op.execute("DROP TABLE exercises")
    op.execute("ALTER TABLE exercises_new RENAME TO exercises")
    op.execute("CREATE UNIQUE INDEX ix_exercises_name ON exercises (name)")


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
