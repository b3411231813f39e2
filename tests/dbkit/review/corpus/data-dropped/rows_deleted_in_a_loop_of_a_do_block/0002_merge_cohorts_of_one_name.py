"""Merge the cohorts that share a name into the oldest, in a DO block: each later cohort's
recruits move over unless the oldest has one with the same chatname, which are deleted, and
then the cohort itself. The reviewer cannot unroll the loops, so the DELETEs are warnings
(before, the loop hid them: no finding at all)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DO $$
        DECLARE
            grp RECORD;
            keeper integer;
            other integer;
        BEGIN
            FOR grp IN SELECT array_agg(id ORDER BY id) AS ids FROM cohorts
                       GROUP BY name HAVING count(*) > 1
            LOOP
                keeper := grp.ids[1];
                FOREACH other IN ARRAY grp.ids[2:array_length(grp.ids, 1)]
                LOOP
                    UPDATE recruits r SET cohort_id = keeper WHERE r.cohort_id = other
                      AND NOT EXISTS (SELECT 1 FROM recruits r2
                                      WHERE r2.cohort_id = keeper AND r2.chatname = r.chatname);
                    DELETE FROM recruits WHERE cohort_id = other;
                    DELETE FROM cohorts WHERE id = other;
                END LOOP;
            END LOOP;
        END
        $$;
    """)


def downgrade():
    pass
