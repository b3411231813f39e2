"""Add stages to every pipeline, rename workflow slugs, reset the pipelines' versions"""
from alembic import op

revision = "0002"
down_revision = "0001"

NEW_STAGES = [
    {"slug": "legal_cleared", "label": "Legal Cleared"},
    {"slug": "scan_done", "label": "Scan Done"},
]
RENAMES = {"applied": "submitted", "exam_passed": "cleared"}


def upgrade():
    for stage in NEW_STAGES:
        slug = stage["slug"]
        op.execute(f"""
            INSERT INTO stages (pipeline_id, slug, label)
            SELECT id, '{slug}', '{stage["label"]}' FROM pipelines
        """)
    for old_slug, new_slug in RENAMES.items():
        op.execute(f"UPDATE workflows SET stage_slug = '{new_slug}' WHERE stage_slug = '{old_slug}'")
    op.execute("UPDATE pipelines SET current_version = 1")


def downgrade():
    pass
