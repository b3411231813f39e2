"""``dbkit.online`` on a real database: batches, lock retries, lock safety, valid foreign keys.

Each helper runs as in a revision: through Alembic's ``op`` on a migration
context of a real connection, with the run's retry policy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from support.waiting import wait_for

from dbkit import online
from dbkit.errors import LockTimeout
from dbkit.migrate import retry

FAST = retry.Policy(lock_timeout_ms=200, retries=3, exclusive_lock_timeout_ms=200,
                    exclusive_lock_tries=4)


@contextmanager
def as_a_revision(engine, policy: retry.Policy = FAST) -> Iterator[sa.Connection]:
    """``op`` bound to a fresh connection of ``engine``, as inside ``upgrade()``."""
    with engine.connect() as connection, retry.using(policy):
        with Operations.context(MigrationContext.configure(connection)):
            yield connection
        if connection.in_transaction():
            connection.commit()


def execute(engine, *statements: str) -> None:
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(sa.text(statement))


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def make_table(engine, rows: int) -> None:
    execute(engine, "CREATE TABLE items (id integer PRIMARY KEY, label text, parent_id integer)",
            f"INSERT INTO items (id) SELECT generate_series(1, {rows})")




def test_backfill_reaches_the_highest_id_when_the_range_is_a_multiple_of_the_batch(engine):
    make_table(engine, 11)  # ids 1..11: max - min = 10, two batches of 5 exactly
    with as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = 'x' || id", where="label IS NULL",
                                   batch_size=5)
    with engine.connect() as conn:
        labels = dict(conn.execute(sa.text("SELECT id, label FROM items")).all())
    assert labels == {n: f"x{n}" for n in range(1, 12)}


def test_a_backfill_run_again_updates_only_what_is_left(engine):
    make_table(engine, 30)
    execute(engine, "UPDATE items SET label = 'kept' WHERE id <= 10")
    with as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = 'new'", where="label IS NULL",
                                   batch_size=7)
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.text("SELECT label, count(*) FROM items GROUP BY 1")).all())
    assert counts == {"kept": 10, "new": 20}


def test_a_batch_that_fails_keeps_the_batches_before_it_and_leaves_no_transaction_open(engine):
    # Each batch is one statement, its own transaction: the batch of ids 5-8 fails on id 7.
    make_table(engine, 12)
    with pytest.raises(sa.exc.DataError, match="division by zero"), \
            as_a_revision(engine) as connection:
        online.backfill_in_batches("items", set_="label = (10 / (7 - id))::text",
                                   where="label IS NULL", batch_size=4)
    assert connection.closed or not connection.in_transaction()

    with engine.connect() as conn:
        labels = dict(conn.execute(sa.text("SELECT id, label FROM items")).all())
    assert labels == {**{n: str(10 // (7 - n)) for n in range(1, 5)},
                      **{n: None for n in range(5, 13)}}
    assert scalar(engine, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                          "current_database() AND state LIKE 'idle in transaction%'") == 0


def test_a_backfill_leaves_its_connection_committing_durably(engine):
    # The batches commit without waiting for their flush (SET LOCAL): the revision's own
    # commit, which records it, must still wait for the disk.
    make_table(engine, 20)
    with as_a_revision(engine) as connection:
        connection.execute(sa.text("SET synchronous_commit = on"))  # as on a prod server
        connection.commit()
        online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL",
                                   batch_size=6)
        after = connection.execute(sa.text("SHOW synchronous_commit")).scalar()
    assert after == "on"
    assert scalar(engine, "SELECT count(*) FROM items WHERE label = 'x'") == 20


def test_a_brief_step_leaves_its_connection_committing_durably_and_waiting_as_before(engine):
    # The brief ALTER commits without waiting for its flush while it holds its lock: the
    # connection's own settings are back afterwards.
    make_table(engine, 20)
    execute(engine, "UPDATE items SET label = 'a'")
    with as_a_revision(engine) as connection:
        connection.execute(sa.text("SET synchronous_commit = on; SET lock_timeout = '7s'"))
        connection.commit()
        online.add_not_null("items", "label")
        after = connection.execute(sa.text("SELECT current_setting('synchronous_commit'), "
                                           "current_setting('lock_timeout')")).one()
    assert tuple(after) == ("on", "7s")
    assert scalar(engine, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass "
                          "AND attname = 'label'") is True


def waiting_for_a_lock(engine, application: str) -> bool:
    return bool(scalar(engine, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                               "'Lock' AND application_name = :app", app=application))


def test_the_lock_retry_really_retries_once_the_lock_is_let_go(database_url, engine, caplog):
    make_table(engine, 10)
    execute(engine, "UPDATE items SET label = 'a'")
    migrator = sa.create_engine(database_url, connect_args={"application_name": "migrator"})
    holder = engine.connect()
    holder.execute(sa.text("LOCK TABLE items IN ACCESS SHARE MODE"))  # a long read, say

    def let_go_after_the_first_timeout() -> None:
        wait_for(lambda: waiting_for_a_lock(engine, "migrator"), what="the first try")
        wait_for(lambda: not waiting_for_a_lock(engine, "migrator"), what="its timeout")
        holder.rollback()

    releaser = threading.Thread(target=let_go_after_the_first_timeout)
    releaser.start()
    try:
        with caplog.at_level(logging.WARNING, logger="dbkit.migrate.retry"), \
                as_a_revision(migrator):
            online.add_not_null("items", "label")
    finally:
        releaser.join(timeout=60)
        holder.close()
        migrator.dispose()

    assert "lock not available within 200 ms (try 1 of 4)" in caplog.text
    assert scalar(engine, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass "
                          "AND attname = 'label'") is True


def test_the_lock_retry_gives_up_naming_the_session_that_holds_the_lock(database_url, engine):
    make_table(engine, 10)
    execute(engine, "UPDATE items SET label = 'a'")
    holding = sa.create_engine(database_url, connect_args={"application_name": "holder"})
    with holding.connect() as holder:
        pid = holder.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        holder.execute(sa.text("LOCK TABLE items IN ACCESS SHARE MODE"))
        with pytest.raises(LockTimeout) as gave_up, \
                as_a_revision(engine, retry.Policy(lock_timeout_ms=100, retries=1,
                                                   exclusive_lock_timeout_ms=100,
                                                   exclusive_lock_tries=2)):
            online.add_not_null("items", "label")
        holder.rollback()
    holding.dispose()

    assert str(gave_up.value).startswith(
        f"gave up after 2 tries of 100 ms waiting for a lock on items held by pid {pid} "
        "(holder, idle in transaction, last statement: LOCK TABLE items IN ACCESS SHARE MODE; "
        "holds AccessShareLock on items): ALTER TABLE items ADD CONSTRAINT")
    assert scalar(engine, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'items'::regclass "
                          "AND contype = 'c'") == 0


def test_not_null_validates_while_a_writer_holds_its_lock(database_url, engine):
    """The scan (VALIDATE) takes a lock writers do not conflict with; only the brief
    SET NOT NULL waits for them. A scan under ACCESS EXCLUSIVE would never validate here."""
    make_table(engine, 5_000)
    execute(engine, "UPDATE items SET label = 'a'",
            # As a run stopped after its first step leaves it:
            "ALTER TABLE items ADD CONSTRAINT ck_items_label_not_null "
            "CHECK (label IS NOT NULL) NOT VALID")
    writer = engine.connect()
    writer.execute(sa.text("UPDATE items SET label = 'b' WHERE id = 1"))  # ROW EXCLUSIVE, open

    def validated() -> bool:
        return bool(scalar(engine, "SELECT convalidated FROM pg_constraint "
                                   "WHERE conname = 'ck_items_label_not_null'"))

    def commit_once_validated() -> None:
        wait_for(validated, timeout=20, what="VALIDATE while the writer is open")
        writer.commit()

    releaser = threading.Thread(target=commit_once_validated)
    releaser.start()
    try:
        with as_a_revision(engine, retry.Policy(lock_timeout_ms=300, retries=10,
                                                exclusive_lock_timeout_ms=300,
                                                exclusive_lock_tries=11)):
            online.add_not_null("items", "label")
    finally:
        releaser.join(timeout=60)
        writer.close()
    assert scalar(engine, "SELECT label FROM items WHERE id = 1") == "b"  # the write went in
    assert scalar(engine, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'items'::regclass "
                          "AND attname = 'label'") is True
    assert not validated()  # the temporary CHECK is gone once NOT NULL holds


def test_a_foreign_key_is_valid_and_an_orphan_stops_it_until_fixed(engine):
    make_table(engine, 20)
    execute(engine, "CREATE TABLE parents (id integer PRIMARY KEY)",
            "INSERT INTO parents SELECT generate_series(1, 5)",
            "UPDATE items SET parent_id = 1 + id % 5", "UPDATE items SET parent_id = 99 WHERE id = 7")

    with pytest.raises(sa.exc.IntegrityError, match="fk_items_parent_id"), as_a_revision(engine):
        online.add_foreign_key("fk_items_parent_id", "items", ["parent_id"], "parents", ["id"])
    # Left NOT VALID (new rows are checked already); the orphan is still there, untouched.
    assert scalar(engine, "SELECT convalidated FROM pg_constraint "
                          "WHERE conname = 'fk_items_parent_id'") is False
    assert scalar(engine, "SELECT parent_id FROM items WHERE id = 7") == 99

    execute(engine, "UPDATE items SET parent_id = 2 WHERE id = 7")
    with as_a_revision(engine):
        online.add_foreign_key("fk_items_parent_id", "items", ["parent_id"], "parents", ["id"])
    assert scalar(engine, "SELECT convalidated FROM pg_constraint "
                          "WHERE conname = 'fk_items_parent_id'") is True
    with pytest.raises(sa.exc.IntegrityError):
        execute(engine, "INSERT INTO items (id, parent_id) VALUES (100, 42)")


def test_an_invalid_index_left_by_a_failed_build_is_dropped_and_rebuilt(engine):
    make_table(engine, 50)
    execute(engine, "UPDATE items SET label = 'same'")
    with pytest.raises(sa.exc.IntegrityError), as_a_revision(engine):
        online.add_unique("uq_items_label", "items", ["label"])
    assert scalar(engine, "SELECT indisvalid FROM pg_index "
                          "WHERE indexrelid = to_regclass('uq_items_label')") is False

    execute(engine, "UPDATE items SET label = 'l' || id")
    with as_a_revision(engine):
        online.add_unique("uq_items_label", "items", ["label"])
    assert scalar(engine, "SELECT indisvalid FROM pg_index "
                          "WHERE indexrelid = to_regclass('uq_items_label')") is True
    assert scalar(engine, "SELECT contype FROM pg_constraint WHERE conname = 'uq_items_label'") \
        == "u"


def test_create_index_rebuilds_the_invalid_index_a_killed_concurrent_build_left(database_url,
                                                                               engine):
    make_table(engine, 100)
    writer = engine.connect()
    writer.execute(sa.text("UPDATE items SET label = 'w' WHERE id = 1"))  # CIC waits for it
    builder = sa.create_engine(database_url, isolation_level="AUTOCOMMIT",
                               connect_args={"application_name": "builder"})
    failures: list[BaseException] = []

    def build() -> None:
        try:
            with builder.connect() as conn:
                conn.execute(sa.text("CREATE INDEX CONCURRENTLY ix_items_label ON items (label)"))
        except sa.exc.DBAPIError as exc:
            failures.append(exc)

    thread = threading.Thread(target=build)
    thread.start()
    wait_for(lambda: scalar(engine, "SELECT count(*) FROM pg_stat_activity WHERE application_name"
                                      " = 'builder' AND wait_event_type IS NOT NULL "
                                      "AND state = 'active'"), what="the build to wait")
    execute(engine, "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = 'builder'")
    thread.join(timeout=30)
    writer.rollback()
    writer.close()
    builder.dispose()
    assert failures and "canceling statement" in str(failures[0])
    assert scalar(engine, "SELECT indisvalid FROM pg_index "
                          "WHERE indexrelid = to_regclass('ix_items_label')") is False

    with as_a_revision(engine):
        online.create_index("ix_items_label", "items", ["label"])
    assert scalar(engine, "SELECT indisvalid FROM pg_index "
                          "WHERE indexrelid = to_regclass('ix_items_label')") is True


def test_batches_are_sized_by_time_halving_when_slow_and_doubling_when_quick():
    sizer = online.BatchSizer(None, seconds=0.02)
    first = sizer.rows

    sizer.took(0.2)  # ten times too slow: at most halved at a time
    assert sizer.rows == first // 2
    sizer.took(0.001)  # far too quick: at most doubled at a time
    assert sizer.rows == first
    sizer.took(0.02)  # on target: the same again
    assert sizer.rows == first
    sizer.took(0.02, waited=True)  # on target, but a client waited: aim at half
    assert sizer.rows == first // 2
    for _ in range(50):
        sizer.took(10.0)
    assert sizer.rows == online.MIN_BATCH_ROWS
    for _ in range(50):
        sizer.took(0.0)
    assert sizer.rows == online.MAX_BATCH_ROWS


def test_a_batch_size_given_stays_fixed():
    sizer = online.BatchSizer(2_000, seconds=0.02)

    sizer.took(5.0, waited=True)

    assert sizer.rows == 2_000


def test_a_timed_backfill_updates_every_row_in_several_batches(engine, caplog):
    make_table(engine, 5_000)
    execute(engine, "UPDATE items SET label = 'kept' WHERE id % 7 = 0")
    with caplog.at_level(logging.INFO, logger="dbkit.online"), as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = 'x' || id", where="label IS NULL",
                                   batch_seconds=0.001)

    with engine.connect() as conn:
        labels = dict(conn.execute(sa.text("SELECT id, label FROM items")).all())
    assert labels == {n: "kept" if n % 7 == 0 else f"x{n}" for n in range(1, 5_001)}
    batches = int(caplog.text.split("rows of items in ")[1].split()[0])
    assert "backfilled 4286 rows of items" in caplog.text and batches > 1
    assert "(0 paused for waiting clients)" in caplog.text  # nobody waited: no pause


def test_a_client_waiting_for_a_batch_makes_the_backfill_pause(database_url, engine, caplog):
    make_table(engine, 2_000)
    migrator = sa.create_engine(database_url, connect_args={"application_name": "migrator"})
    waiting_client = sa.create_engine(database_url, connect_args={"application_name": "client"})
    holder, waiter = engine.connect(), waiting_client.connect()
    # The first batch (ids 1-1000) locks rows 1-999, then waits for row 1000, held here.
    holder.execute(sa.text("UPDATE items SET parent_id = 0 WHERE id = 1000"))

    def queue_a_client_behind_the_batch_then_let_it_go() -> None:
        wait_for(lambda: waiting_for_a_lock(engine, "migrator"), what="the first batch")
        writer = threading.Thread(target=lambda: (waiter.execute(sa.text(
            "UPDATE items SET parent_id = 2 WHERE id = 2")), waiter.commit()), daemon=True)
        writer.start()
        wait_for(lambda: waiting_for_a_lock(engine, "client"), what="the client to queue")
        holder.rollback()
        writer.join(timeout=60)

    releaser = threading.Thread(target=queue_a_client_behind_the_batch_then_let_it_go)
    releaser.start()
    try:
        with caplog.at_level(logging.INFO, logger="dbkit.online"), as_a_revision(migrator):
            online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL",
                                       batch_size=1_000)
    finally:
        releaser.join(timeout=60)
        holder.close()
        waiter.close()
        waiting_client.dispose()
        migrator.dispose()

    assert "backfilled 2000 rows of items in 2 batches (1 paused for waiting clients)" \
        in caplog.text
    assert scalar(engine, "SELECT count(*) FROM items WHERE label = 'x'") == 2_000
    assert scalar(engine, "SELECT parent_id FROM items WHERE id = 2") == 2


def test_a_batch_takes_at_most_its_share_of_the_ids_however_quick_it_is():
    sizer = online.BatchSizer(None, seconds=0.02, span=10_000, share=50)

    for _ in range(20):
        sizer.took(0.0)  # far too quick: doubling, but never past 1/50 of 10,000 ids

    assert sizer.rows == 200
    sizer.took(0.5)  # too slow: halved as before
    assert sizer.rows == 100
    assert online.BatchSizer(None, seconds=0.02, span=1_000, share=50).rows \
        == online.MIN_BATCH_ROWS  # a tiny table: never below the smallest batch
    assert online.BatchSizer(None, seconds=0.02, span=100_000_000, share=50).largest \
        == online.MAX_BATCH_ROWS  # a huge one: the time target decides, as before


def test_a_small_table_is_backfilled_in_more_smaller_batches(engine, caplog):
    make_table(engine, 5_000)

    def backfill(share: int | None) -> int:
        execute(engine, "UPDATE items SET label = NULL")
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="dbkit.online"), as_a_revision(engine):
            # A time target no batch of this table reaches: only the share bounds the batch.
            online.backfill_in_batches("items", set_="label = 'x' || id", where="label IS NULL",
                                       batch_seconds=60.0, batch_share=share)
        assert scalar(engine, "SELECT count(*) FROM items WHERE label = 'x' || id") == 5_000
        return int(caplog.text.split("rows of items in ")[1].split()[0])

    unbounded, bounded = backfill(None), backfill(25)

    assert bounded >= 25 > unbounded  # each batch at most 200 of the 5,000 ids


def reloptions(engine, table: str = "items"):
    return scalar(engine, "SELECT reloptions FROM pg_class WHERE oid = to_regclass(:t)", t=table)


def test_a_backfill_leaves_room_for_updates_while_it_runs_and_puts_the_fillfactor_back(engine):
    make_table(engine, 300)
    # Each row records the table's options at the moment its batch wrote it.
    with as_a_revision(engine):
        online.backfill_in_batches(
            "items", where="label IS NULL", batch_size=100, fillfactor=50,
            set_="label = coalesce((SELECT array_to_string(reloptions, ',') FROM pg_class "
                 "WHERE oid = 'items'::regclass), 'none')")

    assert scalar(engine, "SELECT array_agg(DISTINCT label) FROM items") == ["fillfactor=50"]
    assert reloptions(engine) is None  # as before: no options at all
    assert scalar(engine, "SELECT to_regclass(:t)", t=online.FILLFACTOR_KEPT) is None


def test_a_backfill_cut_short_puts_back_the_tables_own_fillfactor_when_run_again(engine):
    make_table(engine, 12)
    execute(engine, "ALTER TABLE items SET (fillfactor = 80, autovacuum_enabled = off)")
    # The batch of ids 5-8 fails on id 7, as a run killed there would stop.
    with pytest.raises(sa.exc.DataError, match="division by zero"), as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = (1 / (id - 7))::text",
                                   where="label IS NULL", batch_size=4, fillfactor=50)
    assert reloptions(engine) == ["autovacuum_enabled=off", "fillfactor=50"]

    with as_a_revision(engine):  # run again (fixed): the record says 80, not the 50 it finds
        online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL",
                                   batch_size=4, fillfactor=50)

    assert reloptions(engine) == ["autovacuum_enabled=off", "fillfactor=80"]
    assert scalar(engine, "SELECT count(*) FROM items WHERE label IS NULL") == 0
    assert scalar(engine, "SELECT to_regclass(:t)", t=online.FILLFACTOR_KEPT) is None


def test_a_run_cut_short_after_the_last_batch_puts_the_fillfactor_back_with_nothing_to_do(engine):
    make_table(engine, 10)
    execute(engine, "UPDATE items SET label = 'done'")
    execute(engine, f"CREATE TABLE {online.FILLFACTOR_KEPT} (relid oid PRIMARY KEY, "
                    "fillfactor text)",
            f"INSERT INTO {online.FILLFACTOR_KEPT} VALUES ('items'::regclass, NULL)",
            "ALTER TABLE items SET (fillfactor = 50)")  # what a run killed just then leaves

    with as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL")

    assert reloptions(engine) is None
    assert scalar(engine, "SELECT count(*) FROM items WHERE label = 'done'") == 10
    assert scalar(engine, "SELECT to_regclass(:t)", t=online.FILLFACTOR_KEPT) is None


def test_a_table_already_packed_loosely_keeps_its_fillfactor(engine):
    make_table(engine, 10)
    execute(engine, "ALTER TABLE items SET (fillfactor = 30)")

    with as_a_revision(engine):
        online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL",
                                   fillfactor=50)

    assert reloptions(engine) == ["fillfactor=30"]
    assert scalar(engine, "SELECT to_regclass(:t)", t=online.FILLFACTOR_KEPT) is None


def test_a_role_that_may_not_create_the_record_backfills_with_the_tables_own_fillfactor(
        database_url, engine, owner_role, caplog):
    make_table(engine, 10)
    role, password = owner_role
    execute(engine, f'ALTER TABLE items OWNER TO "{role}"')  # it may alter it, not add tables
    as_owner = sa.create_engine(sa.make_url(database_url).set(username=role, password=password))
    try:
        with caplog.at_level(logging.WARNING, logger="dbkit.online"), as_a_revision(as_owner):
            online.backfill_in_batches("items", set_="label = 'x'", where="label IS NULL",
                                       fillfactor=50)
    finally:
        as_owner.dispose()

    assert "backfilling items with its own fillfactor: permission denied for schema public" \
        in caplog.text
    assert scalar(engine, "SELECT count(*) FROM items WHERE label = 'x'") == 10
    assert reloptions(engine) is None
    assert scalar(engine, "SELECT to_regclass(:t)", t=online.FILLFACTOR_KEPT) is None


# An index on this function fails its build unless the session building it has the
# number of maintenance workers the test expects (parallel workers share the leader's
# settings): what the build really ran with, read inside the build.
WORKERS_SEEN = """
CREATE FUNCTION workers_seen(x integer) RETURNS integer
IMMUTABLE PARALLEL SAFE LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('max_parallel_maintenance_workers')
            <> current_setting('test.expected_workers') THEN
        RAISE EXCEPTION 'built with % maintenance workers',
            current_setting('max_parallel_maintenance_workers');
    END IF;
    RETURN x;
END $$"""


def build_index_seeing_workers(engine, expected: str, **keywords) -> tuple[str, str]:
    """Build ``ix_items_seen`` expecting ``expected`` workers; the settings after, same session."""
    with as_a_revision(engine) as connection:
        connection.execute(sa.text(f"SET test.expected_workers = '{expected}'"))
        connection.commit()
        online.create_index("ix_items_seen", "items", ["(workers_seen(id))"], **keywords)
        return (connection.execute(sa.text("SHOW max_parallel_maintenance_workers")).scalar(),
                connection.execute(sa.text("SELECT setting FROM pg_settings "
                                           "WHERE name = 'max_parallel_maintenance_workers'"))
                .scalar())


def test_an_index_asked_to_build_serially_does_and_the_sessions_setting_is_back_after(engine):
    make_table(engine, 200)
    execute(engine, WORKERS_SEEN)
    with engine.connect() as conn:
        own = conn.execute(sa.text("SHOW max_parallel_maintenance_workers")).scalar()
    assert own != "0"  # the server's default gives builds workers: the helper takes them away

    assert build_index_seeing_workers(engine, "0", maintenance_workers=0) == (own, own)
    assert scalar(engine, "SELECT indisvalid FROM pg_index "
                          "WHERE indexrelid = to_regclass('ix_items_seen')") is True


def test_workers_given_are_used_none_keeps_the_servers_and_a_failed_build_puts_the_setting_back(
        engine):
    make_table(engine, 200)
    execute(engine, WORKERS_SEEN)
    own = scalar(engine, "SHOW max_parallel_maintenance_workers")
    assert own != "1"
    assert build_index_seeing_workers(engine, "1", maintenance_workers=1) == (own, own)
    execute(engine, "DROP INDEX ix_items_seen")

    # No keyword: the server's setting, untouched.
    assert build_index_seeing_workers(engine, own) == (own, own)
    execute(engine, "DROP INDEX ix_items_seen")

    with as_a_revision(engine) as connection:
        connection.execute(sa.text("SET test.expected_workers = '1'"))
        connection.commit()
        with pytest.raises(sa.exc.DBAPIError, match="built with 0 maintenance workers"):
            online.create_index("ix_items_seen", "items", ["(workers_seen(id))"],
                                maintenance_workers=0)
        assert connection.execute(sa.text("SHOW max_parallel_maintenance_workers")).scalar() \
            == own
