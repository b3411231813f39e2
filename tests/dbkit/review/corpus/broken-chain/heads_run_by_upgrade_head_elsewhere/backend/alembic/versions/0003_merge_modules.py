"""Merge the two modules' chains"""

revision = "0003"
down_revision = ("0001", "0002")


def upgrade():
    pass


def downgrade():
    pass
