"""Where a project runs `alembic upgrade heads` (upgradeheads.py): read from its run files only."""

from __future__ import annotations

import json

import pytest
from review_cases import CORPUS, dbkit_review

from dbkit.review.chain import scan_root
from dbkit.review.upgradeheads import Upgrades, how_upgraded


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_makefile_a_compose_file_and_python_each_say_it(tmp_path):
    write(tmp_path / "Makefile", ".PHONY: migrate\n# alembic upgrade head (old)\nmigrate:\n"
                                 "\talembic upgrade heads\n")
    assert how_upgraded(tmp_path) == Upgrades(heads=("Makefile", 4))
    (tmp_path / "Makefile").unlink()
    write(tmp_path / "deploy" / "compose.prod.yaml",
          "services:\n  migrate:\n    command: [\"alembic\", \"upgrade\", \"heads\"]\n")
    assert how_upgraded(tmp_path) == Upgrades(heads=("deploy/compose.prod.yaml", 3))
    write(tmp_path / "app" / "start.py", "from alembic import command\n\n"
                                         "command.upgrade(self.config(), revision='head')\n")
    assert how_upgraded(tmp_path) == Upgrades(heads=("deploy/compose.prod.yaml", 3),
                                              head=("app/start.py", 3))


def test_other_upgrades_comments_and_folders_of_other_programs_say_nothing(tmp_path):
    write(tmp_path / "scripts" / "setup.sh", "apt-get upgrade heads\n  # alembic upgrade heads\n")
    write(tmp_path / "node_modules" / "x" / "run.sh", "alembic upgrade heads\n")
    write(tmp_path / "env2" / "pyvenv.cfg", "home = /usr/bin\n")
    write(tmp_path / "env2" / "bin" / "deploy.sh", "alembic upgrade heads\n")
    write(tmp_path / "README.md", "Run `alembic upgrade heads`.\n")
    assert how_upgraded(tmp_path) == Upgrades()
    assert how_upgraded(None) == Upgrades()


def test_a_link_out_of_the_repository_is_not_read(tmp_path):
    outside = tmp_path / "outside.sh"
    write(outside, "alembic upgrade heads\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "deploy.sh").symlink_to(outside)
    assert how_upgraded(repo) == Upgrades()


def test_the_repository_is_looked_at_unless_the_chain_is_a_fixture_of_its_tests(tmp_path):
    (tmp_path / ".git").mkdir()
    chain = tmp_path / "backend" / "alembic" / "versions"
    chain.mkdir(parents=True)
    fixture = tmp_path / "tests" / "chains" / "two_heads"
    fixture.mkdir(parents=True)
    assert scan_root(chain) == tmp_path
    assert scan_root(fixture) == fixture


@pytest.mark.parametrize(("case", "code", "severity"), [
    ("heads_run_by_upgrade_heads", 0, "warning"),
    ("heads_run_by_upgrade_head_elsewhere", 1, "error"),
])
def test_the_command_reads_the_repository_it_is_given(capsys, case, code, severity):
    exit_code, out, _ = dbkit_review(capsys, str(CORPUS / "broken-chain" / case),
                                     "--no-squawk", "--format", "json")
    assert exit_code == code
    found = [f for f in json.loads(out) if f["rule"] == "broken-chain"]
    assert {f["severity"] for f in found} == {severity}
    assert all("scripts/deploy.sh:8" in f["message"] for f in found)
