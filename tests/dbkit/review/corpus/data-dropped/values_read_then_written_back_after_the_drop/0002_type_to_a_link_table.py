"""Values read before the drop, written back by an ORM session after it (FinGigaChat
8573660fb1c0): the rows it saves may hold them"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from models import ResearchResearchType

revision = "0002"
down_revision = "0001"


def upgrade():
    session = Session(bind=op.get_bind())
    rows = session.execute(sa.text("SELECT research.id, research_type_id FROM research")).all()
    op.create_table("research_research_type", sa.Column("research_id", sa.Integer),
                    sa.Column("research_type_id", sa.Integer))
    op.drop_column("research", "research_type_id")
    links = []
    for row in rows:
        links.append(ResearchResearchType(research_id=row.id, research_type_id=row.research_type_id))
    session.bulk_save_objects(links)
    session.commit()


def downgrade():
    op.add_column("research", sa.Column("research_type_id", sa.Integer))
    op.drop_table("research_research_type")
