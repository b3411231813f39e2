"""What is copied into a sandbox: regular files of the reviewed folder, never through a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbkit.sandbox._folder import NotCopied, read_regular_file


@pytest.fixture
def reviewed(tmp_path: Path) -> tuple[Path, Path]:
    """A reviewed folder whose ``versions`` is a link to a folder outside it holding a secret."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.py").write_text("TOKEN = 'not for the sandbox'\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "env.py").write_text("# the learner's env.py\n")
    (repo / "versions").symlink_to(outside, target_is_directory=True)
    return repo, outside


def test_a_file_of_the_folder_is_read(reviewed: tuple[Path, Path]) -> None:
    repo, _ = reviewed
    assert read_regular_file(repo / "env.py", within=repo) == b"# the learner's env.py\n"


def test_a_file_reached_through_a_linked_folder_is_refused(reviewed: tuple[Path, Path]) -> None:
    repo, _ = reviewed
    with pytest.raises(NotCopied, match=r"secret\.py is reached through a link out of .*repo"):
        read_regular_file(repo / "versions" / "secret.py", within=repo)


def test_without_a_folder_to_stay_in_only_the_file_itself_must_not_be_a_link(
        reviewed: tuple[Path, Path]) -> None:
    repo, outside = reviewed
    assert read_regular_file(repo / "versions" / "secret.py").startswith(b"TOKEN")
    (repo / "link.py").symlink_to(outside / "secret.py")
    with pytest.raises(NotCopied, match="link.py is a symbolic link"):
        read_regular_file(repo / "link.py")
