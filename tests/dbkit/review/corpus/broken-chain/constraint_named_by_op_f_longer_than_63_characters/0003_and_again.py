"""Autogenerate writes it again in the next revision, as long as the models keep the long name:
the same drop by the cut name and create by the long one, still the same check"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_constraint(op.f("ck_recruits_ck_recruits_rocketchat_user_is_lowercase_an_13fa"),
                       "recruits", type_="check")
    op.create_check_constraint(
        op.f("ck_recruits_ck_recruits_rocketchat_user_is_lowercase_and_has_no_spaces"),
        "recruits", "rocketchat_user = lower(rocketchat_user) AND position(' ' in rocketchat_user) = 0")


def downgrade():
    op.drop_constraint(
        op.f("ck_recruits_ck_recruits_rocketchat_user_is_lowercase_and_has_no_spaces"),
        "recruits", type_="check")
    op.create_check_constraint(op.f("ck_recruits_ck_recruits_rocketchat_user_is_lowercase_an_13fa"),
                               "recruits", "rocketchat_user = lower(rocketchat_user)")
