"""The static review of a long chain: ``python -m dbkit review --no-squawk`` on 300 revisions.

The chain is generated (one table per 10 revisions; columns added, backfilled,
made NOT NULL, renamed, indexed and dropped with their data kept), so the figure
measures the reviewer's own reading and walking, not a particular project.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

REVISIONS = 300

_SHAPES = (
    "op.create_table('t{t}', sa.Column('id', sa.Integer(), primary_key=True),"
    " sa.Column('name', sa.String(100), nullable=False))",
    "op.add_column('t{t}', sa.Column('note', sa.Text(), nullable=True))",
    "op.execute(\"UPDATE t{t} SET note = name WHERE note IS NULL\")",
    "op.alter_column('t{t}', 'note', nullable=False, existing_type=sa.Text())",
    "op.alter_column('t{t}', 'note', new_column_name='remark')",
    "op.create_index('ix_t{t}_remark', 't{t}', ['remark'])",
    "op.add_column('t{t}', sa.Column('code', sa.String(20), nullable=True))",
    "op.create_unique_constraint('uq_t{t}_code', 't{t}', ['code'])",
    "op.execute(\"CREATE TABLE IF NOT EXISTS archive_t{t} AS SELECT id, code FROM t{t}\")",
    "op.drop_column('t{t}', 'code')  # dbkit: data-kept-in archive_t{t}",
)


def write_chain(folder: Path, count: int = REVISIONS) -> None:
    for number in range(1, count + 1):
        down = f"'{number - 1:04d}'" if number > 1 else "None"
        statement = _SHAPES[(number - 1) % len(_SHAPES)].format(t=(number - 1) // len(_SHAPES))
        (folder / f"{number:04d}_step_{number}.py").write_text(
            f'"""Step {number}."""\n\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
            f"revision = '{number:04d}'\ndown_revision = {down}\nbranch_labels = None\n"
            f"depends_on = None\n\n\ndef upgrade() -> None:\n    {statement}\n\n\n"
            "def downgrade() -> None:\n    pass\n", encoding="utf-8")


def static_review(repeat: int, count: int = REVISIONS) -> dict:
    """Median seconds of the static review (no squawk) of a ``count``-revision chain."""
    from dbkit.review import review_paths

    with tempfile.TemporaryDirectory(prefix="dbkit-bench-review-") as folder:
        write_chain(Path(folder), count)
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            _, reviewed = review_paths([folder], sql=False)
            seconds.append(time.perf_counter() - started)
    return {"review_revisions": reviewed, "review_static_s": round(statistics.median(seconds), 2)}
