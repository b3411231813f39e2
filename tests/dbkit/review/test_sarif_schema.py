"""`--format sarif` is valid SARIF 2.1.0 (validated against the OASIS schema kept in data/),
and `--format github` cannot be made to print a workflow command of the learner's choosing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from review_cases import CORPUS, dbkit_review

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
CASES = sorted(p for p in CORPUS.glob("*/*") if p.is_dir())

HOSTILE = '''"""Drop a column with a hostile name"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("recruits", "chatname\\n::error file=x.py,line=1::injected%0A<script>alert(1)</script>")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
'''


@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_sarif_of_every_corpus_case_validates_against_the_sarif_2_1_0_schema(capsys, case):
    code, out, _ = dbkit_review(capsys, "--no-squawk", "--format", "sarif", str(case))
    assert code in (0, 1)
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["version"] == "2.1.0"


def test_the_validator_rejects_what_the_schema_forbids():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [{"tool": {}}]})


@pytest.fixture
def hostile_chain(tmp_path: Path) -> Path:
    chain = tmp_path / "versions"
    shutil.copytree(CORPUS / "rename-as-drop-add" / "rename_as_drop_add", chain)
    (chain / "0002_rename_chatname.py").write_text(HOSTILE)
    return chain


def test_github_annotations_keep_a_hostile_name_inside_one_command(capsys, hostile_chain):
    code, out, _ = dbkit_review(capsys, "--no-squawk", "--format", "github", str(hostile_chain))
    lines = out.rstrip("\n").splitlines()
    commands, summary = lines[:-1], lines[-1]
    assert code == 1
    assert commands and all(line.startswith(("::error file=", "::warning file=")) for line in commands)
    _, as_json, _ = dbkit_review(capsys, "--no-squawk", "--format", "json", str(hostile_chain))
    assert len(commands) == len(json.loads(as_json))  # one line per finding: nothing smuggled in
    assert any("%0A" in line and "injected%250A" in line for line in commands)
    assert "error" in summary and not summary.startswith("::")


def test_sarif_of_a_hostile_name_is_valid_and_keeps_the_text_as_data(capsys, hostile_chain):
    code, out, _ = dbkit_review(capsys, "--no-squawk", "--format", "sarif", str(hostile_chain))
    log = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    texts = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert code == 1 and any("<script>alert(1)</script>" in t for t in texts)
