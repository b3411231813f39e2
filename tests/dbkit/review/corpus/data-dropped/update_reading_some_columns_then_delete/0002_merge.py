"""Move items off the old stage and people off the duplicate doctor, then delete those"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        UPDATE items i SET stage_id = target.id, status_label = target.label
        FROM stages old JOIN stages target ON target.slug = 'approved'
        WHERE i.stage_id = old.id AND old.slug = 'applied'
    """)
    op.execute("DELETE FROM stages WHERE slug = 'applied'")
    op.execute("""
        UPDATE people SET speciality_id = d.speciality_id
        FROM doctors d WHERE people.doctor_id = d.id AND d.name = 'duplicate'
    """)
    op.execute("DELETE FROM doctors WHERE name = 'duplicate'")


def downgrade():
    pass
