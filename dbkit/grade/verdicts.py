"""A check's verdict and its evidence: what the grader hands an instructor, check by check."""

from __future__ import annotations

from dataclasses import dataclass, field

PASS, FAIL, UNCLEAR = "pass", "fail", "unclear"
SYMBOL = {PASS: "✓", FAIL: "✗", UNCLEAR: "?"}

# (id, what the brief asks), in the order an instructor reads them
CHECKS = (
    ("chain-runs-empty", "alembic upgrade head from an empty database succeeds"),
    ("chain-runs-populated", "it succeeds with rows present at every step"),
    ("email-required-unique", "at head personal_email_address is NOT NULL and UNIQUE"),
    ("rocketchat-renamed", "at head rocketchat_user holds the values chatname held"),
    ("id-number-removed", "at head id_number is gone"),
    ("cohorts-table", "at head a cohort table exists and recruits reference it"),
    ("cohort-values-kept", "every existing recruit keeps its cohort through the chain"),
    ("seeding-scripts", "the four create_*recruits.py scripts add recruits with the right cohort"),
    ("downgrades-work", "every downgrade runs"),
    ("commits-often", "commits touching the chain or the models"),
)
CHECK_IDS = tuple(c for c, _ in CHECKS)


@dataclass
class Check:
    id: str
    verdict: str
    summary: str  # one line: why this verdict
    evidence: list[str] = field(default_factory=list)  # file:line, values followed, errors met
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"id": self.id, "verdict": self.verdict, "summary": self.summary,
                "evidence": self.evidence, "notes": self.notes}
