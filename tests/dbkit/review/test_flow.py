"""What a loop over a SELECT's rows does with each column (dbkit/review/flow.py): pure
parsing, no database."""

from __future__ import annotations

import ast
import textwrap

from dbkit.review import flow
from dbkit.review.pgsql import select_targets


def uses(source: str) -> dict[str, str] | None:
    tree = ast.parse(textwrap.dedent(source))
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    upgrade = functions.get("upgrade", tree)
    loop = next(n for n in ast.walk(upgrade) if isinstance(n, ast.For))
    return flow.row_uses(loop, functions)


def test_a_value_written_is_carried_a_tested_one_is_not_and_a_fallback_is_told_apart():
    found = uses("""
        def pick(mine, theirs):
            found = mine or theirs
            return found.strip() if found else None

        def upgrade():
            for row in bind.execute(query):
                bind.execute(update, {
                    "name": row["name"] or "",
                    "shared": any([row["countries"]]),
                    "contact": pick(row["contact"], row["fallback"]),
                    "visible": "yes" if row.is_public else "no",
                    "size": len(row["items"]),
                    "id": row.id,
                })
    """)
    assert found == {"name": "value", "countries": "truth", "contact": "value",
                     "fallback": "fallback", "is_public": "truth", "items": "truth",
                     "id": "value"}


def test_a_value_handed_to_code_it_cannot_follow_counts_as_carried():
    found = uses("""
        def upgrade():
            for row in bind.execute(query):
                if row["flag"]:
                    save(row["flag"])
    """)
    assert found == {"flag": "value"}


def test_a_row_handed_on_whole_or_read_by_position_is_not_followed():
    assert uses("for row in rows:\n    save(row)\n") is None
    assert uses("for row in rows:\n    x = row[0]\n") is None
    assert uses("for row in rows:\n    x = row.get('a')\n") is None


def test_a_row_unpacked_into_names_is_followed_by_position():
    assert uses("for a, b in rows:\n    save(a)\n") == {"#": "2", "#0": "value"}
    assert uses("for a, b in rows:\n    save(hashlib.sha256(b).hexdigest())\n") == {"#": "2", "#1": "digest"}
    assert uses("for a, (b, c) in rows:\n    save(a)\n") is None


def test_a_name_bound_to_the_value_and_a_loop_over_it_are_followed():
    found = uses("""
        def first(periods):
            for period in periods:
                if period != "none":
                    return period
            return "none"

        def upgrade():
            for row in bind.execute(query):
                periods = row["periods"]
                data[row["id"]] = first(periods)
                ok = bool(row["done"])
                log(ok)
    """)
    assert found == {"periods": "value", "id": "value", "done": "truth"}


def test_the_outputs_of_a_select_from_a_subquery_name_the_columns_they_are_read_from():
    found = select_targets("SELECT s.rid, s.v AS val, lower(s.v) "
                           "FROM (SELECT id AS rid, about AS v FROM profiles) s")
    assert found == [("rid", {("profiles", "id")}), ("val", {("profiles", "about")}),
                     (None, {("profiles", "about")})]
    assert select_targets("SELECT r.* FROM recruits r") is None
