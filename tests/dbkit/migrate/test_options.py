"""``alembic -x key=value``: the options a run reads, at their bounds (found by make mutate)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from dbkit.database import Target
from dbkit.errors import ConfigError
from dbkit.migrate.options import Options


def target(env: str) -> Target:
    return Target(env, sa.make_url("postgresql+psycopg2://u@127.0.0.1:1/d"), "a test")


@pytest.mark.parametrize("backup, env, wanted", [
    ("auto", "prod", True), ("auto", "dev", False), ("on", "dev", True), ("on", "prod", True),
    ("off", "prod", False), ("off", "dev", False), ("OFF", "prod", False),
])
def test_a_backup_is_taken_on_prod_or_when_asked_never_when_turned_off(backup, env, wanted):
    assert Options.from_x_arguments({"backup": backup}).wants_backup(target(env)) is wanted


@pytest.mark.parametrize("text, value", [("0", 0), ("3", 3), ("19", 19), ("20", 20)])
def test_lock_retries_from_0_to_20(text, value):
    assert Options.from_x_arguments({"lock_retries": text}).lock_retries == value


@pytest.mark.parametrize("text", ["21", "100", "-1", "three", ""])
def test_lock_retries_outside_0_to_20_are_refused(text):
    with pytest.raises(ConfigError, match="must be a whole number from 0 to 20"):
        Options.from_x_arguments({"lock_retries": text})


def test_unknown_keys_are_named_in_the_singular_or_plural():
    with pytest.raises(ConfigError, match=r"^unknown -x option retries: the known ones"):
        Options.from_x_arguments({"retries": "3"})
    with pytest.raises(ConfigError, match=r"^unknown -x options a, b: the known ones"):
        Options.from_x_arguments({"b": "1", "a": "2"})
