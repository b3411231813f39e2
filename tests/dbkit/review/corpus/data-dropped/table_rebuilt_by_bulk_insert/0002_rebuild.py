"""The cohort index emptied and rebuilt from cohorts in a Python loop and op.bulk_insert
(neutron 3b935b28e7a0 rebuilds its ipam tables so), the old levels deleted and made again
from cohorts the same way: rebuilds. The badges reset to constants, and the tags refilled
with what a function returns (no variable the code fills): the old rows are lost."""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

cohorts = sa.Table("cohorts", sa.MetaData(), sa.Column("id", sa.Integer))
cohort_index = sa.Table("cohort_index", sa.MetaData(), sa.Column("id", sa.Integer),
                        sa.Column("cohort_id", sa.Integer))
levels = sa.Table("levels", sa.MetaData(), sa.Column("label", sa.Text))
badges = sa.Table("badges", sa.MetaData(), sa.Column("label", sa.Text))
tags = sa.Table("tags", sa.MetaData(), sa.Column("label", sa.Text))


def default_tags():
    return [{"label": name} for name in ("new", "old")]


def upgrade():
    session = sa.orm.Session(bind=op.get_bind())
    session.execute(cohort_index.delete())
    session.execute(badges.delete())
    session.execute(tags.delete())
    op.execute("DELETE FROM levels WHERE label LIKE 'old%'")
    rows = []
    for (cohort_id,) in session.query(cohorts):
        rows.append(dict(cohort_id=cohort_id))
    op.bulk_insert(cohort_index, rows)
    op.bulk_insert(levels, [{"label": f"cohort {row['cohort_id']}"} for row in rows])
    op.bulk_insert(badges, [{"label": "new"}])
    op.bulk_insert(tags, default_tags())
    session.commit()


def downgrade():
    pass
