"""An `if` over names bound to plain constants is decided as Python would; a name bound where
the reviewer cannot be sure it runs (an undecided `if`, a loop, an `except:`) decides nothing."""

from pathlib import Path

import pytest

from dbkit.review.reader import read_revision

HEAD = '"""t"""\nfrom alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n\n'


def ops_of(tmp_path: Path, body: str) -> list[tuple[str, object, bool]]:
    path = tmp_path / "0002_t.py"
    path.write_text(HEAD + body + "\n\ndef downgrade():\n    pass\n")
    rev = read_revision(path, path.name)
    return [(op.name, op.constraint, op.conditional) for op in rev.upgrade]


def test_a_check_of_a_name_bound_to_none_in_an_unrolled_loop_runs_nothing(tmp_path):
    body = ('def upgrade():\n'
            '    for table, check in (("a", "a_check"), ("b", None)):\n'
            '        if check:\n'
            '            op.drop_constraint(check, table, type_="check")\n'
            '        if not check:\n'
            '            check = table + "_x_check"\n'
            '        op.create_check_constraint(check, table, "x > 0")\n')
    assert ops_of(tmp_path, body) == [
        ("drop_constraint", "a_check", False), ("create_check_constraint", "a_check", False),
        ("create_check_constraint", "b_x_check", False)]


@pytest.mark.parametrize("binding", [
    "    try:\n        op.execute('SELECT 1')\n    except Exception:\n        name = 'uq_a'\n",
    "    if op.get_bind().dialect.server_version_info < (12,):\n        name = 'uq_a'\n",
])
def test_a_name_bound_where_it_may_not_run_decides_nothing(tmp_path, binding):
    body = ('def upgrade():\n    name = None\n' + binding +
            '    if name:\n        op.drop_constraint(name, "a")\n'
            '    else:\n        op.drop_constraint("uq_b", "a")\n')
    dropped = [(c, conditional) for n, c, conditional in ops_of(tmp_path, body)
               if n == "drop_constraint"]
    assert dropped == [("uq_a", True), ("uq_b", True)]


@pytest.mark.parametrize(("change", "test"), [("    name += 'x'\n", "name"),
                                             ("    names.append('a')\n", "names"),
                                             ("    print(name := str(names))\n", "name")])
def test_a_name_changed_in_place_decides_nothing(tmp_path, change, test):
    body = ('def upgrade():\n    name = ""\n    names = []\n' + change +
            f'    if {test}:\n        op.drop_constraint("uq_a", "a")\n')
    assert ops_of(tmp_path, body) == [("drop_constraint", "uq_a", True)]


@pytest.mark.parametrize("test", [
    "context.is_offline_mode()", "op.get_context().as_sql", "_offline()", "is_offline_mode()"])
def test_alembics_offline_test_is_false_for_an_upgrade_run_on_a_database(tmp_path, test):
    """A review judges an upgrade run on a database (online): what runs only offline never
    runs there, what runs only online always does (agents-universe w5h8k6g9h457, held-out51)."""
    body = ('from alembic import context\n\n\n'
            'def _offline():\n    from alembic import context as ctx\n    return ctx.is_offline_mode()\n\n\n'
            f'def upgrade():\n    if {test}:\n        op.drop_constraint("uq_offline", "a")\n'
            f'    if not {test}:\n        op.drop_constraint("uq_online", "a")\n')
    assert ops_of(tmp_path, body) == [("drop_constraint", "uq_online", False)]


def test_a_helper_that_does_more_than_return_the_offline_test_decides_nothing(tmp_path):
    body = ('from alembic import context\n\n\n'
            'def _offline():\n    print("asked")\n    return context.is_offline_mode()\n\n\n'
            'def upgrade():\n    if not _offline():\n        op.drop_constraint("uq_a", "a")\n')
    assert ops_of(tmp_path, body) == [("drop_constraint", "uq_a", True)]
