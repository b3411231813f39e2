"""The recall lister of the evaluation (``review_eval.py drops``, issue 19): what it lists
from a chain's upgrades, and how it marks what the reviewer said. Static reading only: no
SQL runs, so no server is needed."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("review_eval",
                                              Path(__file__).with_name("review_eval.py"))
review_eval = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(review_eval)

HEAD = 'revision = "b2"\ndown_revision = "a1"\nfrom alembic import op\nimport sqlalchemy as sa\n'


def _revision(folder: Path, body: str, name: str = "b2_change.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEAD + textwrap.dedent(body))
    return path


def _kinds(path: Path) -> list[tuple[str, str]]:
    return [(kind, target) for _, kind, target in review_eval.listed_ops(path)]


def test_revisions_in_no_versions_folder_are_listed_as_the_reviewer_finds_them(tmp_path):
    # invenio-accounts keeps its revisions in invenio_accounts/alembic/, no versions/ folder
    # and no alembic.ini: the old glob listed none of them.
    kept = _revision(tmp_path / "pkg" / "alembic", """
        def upgrade():
            op.drop_column("accounts_user", "login_count")

        def downgrade():
            pass
        """)
    (tmp_path / "pkg" / "alembic" / "helpers.py").write_text("def upgrade():\n    pass\n")
    chain = {"repo": "o/n", "clone": tmp_path, "paths": ["."]}
    assert review_eval.revision_files(chain) == [kept.resolve()]
    assert _kinds(kept) == [("drop_column", "accounts_user.login_count")]


def test_keyword_arguments_from_a_dict_are_read(tmp_path):
    path = _revision(tmp_path, """
        role_tbl = "accounts_role"

        def upgrade():
            dt_args = {"existing_type": sa.DateTime(), "nullable": False}
            loose = dict(nullable=True)
            op.alter_column(role_tbl, "created", **dt_args)
            op.alter_column(role_tbl, "note", **loose)
        """)
    assert _kinds(path) == [("set_not_null", "accounts_role.created")]


def test_rows_deleted_truncated_or_overwritten_are_listed(tmp_path):
    path = _revision(tmp_path, '''
        def upgrade():
            """DELETE FROM nothing: a docstring is no SQL."""
            op.execute("DELETE FROM chat_feedback")
            op.execute("DELETE FROM tag WHERE source ~ '^[0-9]+$'")
            op.execute("TRUNCATE TABLE index_attempt")
            op.execute("UPDATE chat_session SET persona_id = 0")
            op.execute("UPDATE persona SET name = slug")  # a copy, not a constant
            op.execute("UPDATE package SET base_id = 1 WHERE base_id IS NULL")  # a fill
            op.execute("CREATE TRIGGER t BEFORE UPDATE ON images FOR EACH ROW SET x = 1")
            op.execute("CREATE TRIGGER keep BEFORE TRUNCATE ON rates FOR EACH STATEMENT "
                       "EXECUTE FUNCTION refuse()")  # a trigger's event, no TRUNCATE
            op.execute("-- truncate if too long\\nSELECT 1")
            op.alter_column("skill", "name", postgresql_using="slug")
        ''')
    assert _kinds(path) == [
        ("raw_delete_all", "DELETE FROM chat_feedback"),
        ("raw_delete_where", "DELETE FROM tag WHERE source ~ '^[0-9]+$'"),
        ("raw_truncate", "TRUNCATE TABLE index_attempt"),
        ("raw_overwrite", "UPDATE chat_session SET persona_id = 0"),
        ("alter_using", "skill.name"),
    ]


def test_a_loop_over_a_literal_list_is_listed_table_by_table(tmp_path):
    """agenta 395af3695bca: f"DELETE FROM {table} ..." in a loop over a module's list."""
    path = _revision(tmp_path, '''
        TABLES = ["app_db", "testsets"]

        def upgrade():
            for table in TABLES:
                op.execute(f"DELETE FROM {table} WHERE project_id IS NULL")
            for name in ("a", "b"):
                op.execute(f"DROP TABLE {name}_old")
            for other in unknown():
                op.execute(f"DELETE FROM {other} WHERE x")
        ''')
    assert _kinds(path) == [
        ("raw_delete_where", "DELETE FROM app_db WHERE project_id IS NULL"),
        ("raw_delete_where", "DELETE FROM testsets WHERE project_id IS NULL"),
        ("raw_drop_table", "DROP TABLE"),  # (the f-string's constant part, as before)
        ("raw_drop_table", "DROP TABLE a_old"),
        ("raw_drop_table", "DROP TABLE b_old"),
        ("raw_drop_table", "DROP TABLE {}_old"),  # (as written, as before: labels match it)
    ]  # (a loop over what it cannot read: nothing more listed, as before)


def test_only_what_an_upgrade_reaches_is_listed(tmp_path):
    # augur: upgrade() calls helpers whose else: branch is the downgrade (upgrade=True by
    # default, downgrade() passes upgrade=False).
    path = _revision(tmp_path, """
        def upgrade():
            change_1()
            change_2(upgrade=True)

        def downgrade():
            upgrade = False
            change_1(upgrade)
            change_2(upgrade)
            only_down()

        def change_1(upgrade=True):
            if upgrade:
                op.drop_column("contributors", "cntrb_id")
            else:
                op.drop_table("config")

        def change_2(upgrade):
            if not upgrade:
                op.drop_table("users")
            else:
                op.drop_column("commits", "author_id")

        def only_down():
            op.drop_table("user_repos")

        def called_from_nowhere_we_see():
            op.drop_table("kept_for_recall")
        """)
    assert sorted(_kinds(path)) == [("drop_column", "commits.author_id"),
                                    ("drop_column", "contributors.cntrb_id"),
                                    ("drop_table", "kept_for_recall")]


@pytest.mark.parametrize(("finding_line", "mark"), [
    (9, "flagged:data-dropped"),    # on op.execute(stmt), the line after the formatted string
    (11, "not-flagged"),            # after the loop
])
def test_a_formatted_drop_matches_an_error_anywhere_in_its_loop(tmp_path, finding_line, mark):
    # ichnaea 138cb0d71dfb: "DROP TABLE %s" % table, executed on the next line.
    path = _revision(tmp_path, """
        def upgrade():
            for table in ("cell_area_ocid", "cell_gsm_ocid"):
                stmt = "DROP TABLE %s" % table
                op.execute(sa.text(stmt))

            op.drop_column("other", "thing")
        """)
    (line, kind, target, first, last), _ = review_eval.listed(path)
    assert (line, kind, target) == (8, "raw_drop_table", "DROP TABLE %s")
    finding = {"line": finding_line, "severity": "error", "rule": "data-dropped",
               "message": "Drops table cell_area_ocid with no copy kept"}
    assert review_eval._mark([finding], line, kind, target, (first, last)) == mark


def test_row_kinds_are_matched_by_line_only(tmp_path):
    # A finding elsewhere that names the table is not about the DELETE.
    path = _revision(tmp_path, """
        def upgrade():
            op.execute("DELETE FROM chat_feedback")
            op.drop_column("chat_feedback", "edit_number")
        """)
    (line, kind, target, first, last), _ = review_eval.listed(path)
    elsewhere = {"line": line + 1, "severity": "error", "rule": "data-dropped",
                 "message": "Drops column chat_feedback.edit_number with no copy kept"}
    assert review_eval._mark([elsewhere], line, kind, target, (first, last)) == "not-flagged"
    here = dict(elsewhere, line=line, message="Deletes every row of chat_feedback")
    assert review_eval._mark([here], line, kind, target, (first, last)) == "flagged:data-dropped"


def test_sql_held_in_a_name_is_matched_where_it_runs(tmp_path):
    # truenth ee3a3a61484f: the SQL is bound to a name over two lines and run on the next;
    # the reviewer reports the DELETE where it runs. A finding after that statement is not.
    path = _revision(tmp_path, """
        def upgrade():
            expr = "delete from qb_timeline where user_id in (" \\
                   "select user_id from user_consents)"
            op.execute(expr)
            for row in conn.execute(sa.text(expr)):
                print(row)
            op.drop_column("other", "thing")
        """)
    rows = [r for r in review_eval.listed(path) if r[1] == "raw_delete_where"]
    (line, kind, target, first, last), = rows
    finding = {"line": line + 2, "severity": "error", "rule": "data-dropped",
               "message": "Deletes the rows of qb_timeline WHERE ..."}
    assert (first, last) == (line, line + 2)
    assert review_eval._mark([finding], line, kind, target, (first, last)) == \
        "flagged:data-dropped"
    later = dict(finding, line=line + 4)
    assert review_eval._mark([later], line, kind, target, (first, last)) == "not-flagged"
