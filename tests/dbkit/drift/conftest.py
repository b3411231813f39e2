"""Fixtures of the drift tests: a learner's chain, with a revision of their own on top."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.chain_copy import chain_with_0009

from dbkit import database, project, revisions


@pytest.fixture
def learner_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``learner_chain(message, upgrade_code)``: the project's chain plus a revision 0009, in a
    copy of the project that drift and the scratch databases use instead of this one."""
    def make(message: str, upgrade: str) -> Path:
        path = chain_with_0009(tmp_path, message, upgrade)
        monkeypatch.setattr(database, "PROJECT_ROOT", tmp_path)
        revisions.use(project.from_ini(tmp_path / "alembic.ini"))
        return path

    yield make
    revisions.use(None)
    revisions.forget()
