"""What autogenerate writes when it compares the database's cut name with the models' long one:
drop the check by the name the database holds, make it again by the long name (the same object)"""
from alembic import op

revision = "0002"
down_revision = "0001"


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
