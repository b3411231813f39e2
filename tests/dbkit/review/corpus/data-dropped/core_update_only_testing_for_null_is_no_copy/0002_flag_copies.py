"""A copy flag (digitalmarketplace 910): the WHERE only tests copied_from_brief_id for NULL,
the id itself is kept nowhere; parent_id is copied into source_id, kept; lot_name, tested
for NULL but also matched with lots.name (onyx a5370af8f8a0), is carried into lot_id"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

briefs = sa.Table("briefs", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                  sa.Column("copied_from_brief_id", sa.Integer),
                  sa.Column("parent_id", sa.Integer), sa.Column("is_a_copy", sa.Boolean),
                  sa.Column("source_id", sa.Integer), sa.Column("lot_name", sa.String(20)),
                  sa.Column("lot_id", sa.Integer))
lots = sa.Table("lots", sa.MetaData(), sa.Column("id", sa.Integer), sa.Column("name", sa.String(20)))


def upgrade():
    conn = op.get_bind()
    conn.execute(briefs.update().where(briefs.c.copied_from_brief_id != sa.null())
                 .values(is_a_copy=sa.true()))
    conn.execute(briefs.update().where(briefs.c.parent_id.isnot(None))
                 .values(source_id=briefs.c.parent_id))
    conn.execute(briefs.update().where(briefs.c.lot_name == lots.c.name,
                                       briefs.c.lot_name.is_not(None)).values(lot_id=lots.c.id))
    op.drop_column("briefs", "copied_from_brief_id")
    op.drop_column("briefs", "parent_id")
    op.drop_column("briefs", "lot_name")


def downgrade():
    op.add_column("briefs", sa.Column("lot_name", sa.String(20)))
    op.add_column("briefs", sa.Column("parent_id", sa.Integer))
    op.add_column("briefs", sa.Column("copied_from_brief_id", sa.Integer))
    op.execute("UPDATE briefs SET parent_id = source_id")
