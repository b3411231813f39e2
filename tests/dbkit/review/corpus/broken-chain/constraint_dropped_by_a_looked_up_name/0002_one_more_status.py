"""One more status: the check on status is looked up, dropped, and made again"""
from alembic import op
import sqlalchemy as sa


revision = "0002"
down_revision = "0001"


def _drop_status_check() -> None:
    inspector = sa.inspect(op.get_bind())
    for constraint in inspector.get_check_constraints("recruits"):
        if "status" in constraint.get("sqltext", ""):
            op.drop_constraint(constraint["name"], "recruits", type_="check")


def upgrade():
    _drop_status_check()
    op.create_check_constraint("ck_recruits_status", "recruits",
                               "status IN ('NEW', 'ENROLLED', 'LEFT')")


def downgrade():
    _drop_status_check()
    op.create_check_constraint("ck_recruits_status", "recruits",
                               "status IN ('NEW', 'ENROLLED')")
