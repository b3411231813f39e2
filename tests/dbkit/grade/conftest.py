"""A small class graded once per module: two learners and a folder that is no repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from grade_helpers import NOT_A_REPOSITORY

from dbkit.bench.learners import careful, hasty
from dbkit.grade import classroom


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class")
    careful(folder / "careful")
    hasty(folder / "hasty")
    (folder / NOT_A_REPOSITORY).mkdir()
    (folder / NOT_A_REPOSITORY / "README.md").write_text("my migrations are on my laptop\n")
    return folder


@pytest.fixture(scope="module")
def graded(class_folder: Path, pg_server) -> classroom.GradedClass:
    return classroom.grade_class(class_folder, jobs=2, server=pg_server)


@pytest.fixture(scope="module")
def by_name(graded) -> dict:
    return {learner.name: learner for learner in graded.learners}
