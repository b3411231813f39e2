"""What a loop the reviewer cannot follow may set: before a NOT NULL, a loop in an earlier
revision casts doubt only when it may set the column (reading it fills nothing)."""

import ast

from dbkit.review.provenance import stores


def body(source: str) -> list[ast.stmt]:
    loop = ast.parse(source).body[0]
    assert isinstance(loop, ast.For)
    return loop.body


def test_attributes_keywords_dict_keys_and_writing_sql_are_set():
    found = stores(body(
        "for row in rows:\n"
        "    row.chatname = row.chatname or ''\n"
        "    session.add(Cohort(city=row.city))\n"
        "    conn.execute(q, {'email': row.email})\n"
        "    conn.execute('UPDATE recruits SET cohort_id = 1 WHERE id = 2')\n"
        "    conn.execute(FILL)\n"
        "    row['surname'] = ''\n"
        "    setattr(row, 'id_number', None)\n"), {"FILL": "UPDATE recruits SET github = 'x'"})
    assert {"chatname", "city", "email", "cohort_id", "github", "surname", "id_number"} <= found


def test_a_column_only_read_is_not_set():
    found = stores(body(
        "for row in rows:\n"
        "    if row.consumer_key in KEYS:\n"
        "        total += 1\n"
        "    log.info('%s', row.email)\n"
        "    conn.execute(READ)\n"), {"READ": "SELECT github FROM recruits"})
    assert not {"consumer_key", "email", "github"} & found


def test_the_parameters_of_sql_that_writes_nothing_are_not_set():
    found = stores(body(
        "for user_id, coding_id in rows:\n"
        "    conn.execute(PICK, user_id=user_id, coding_id=coding_id)\n"
        "    conn.execute('SELECT 1 FROM audit WHERE id = :id', {'id': user_id})\n"
        "    conn.execute(FILL, {'status': 'x'})\n"),
        {"PICK": "SELECT id FROM user_observations WHERE user_id = :user_id",
         "FILL": "UPDATE audit SET status = :status"})
    assert not found & {"user_id", "coding_id", "id"}
    assert "status" in found
