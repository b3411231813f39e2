"""Writes a revision from a template: this file is no revision, its folder no chain."""

TEMPLATE = """
revision = {revision}
down_revision = {down_revision}

def upgrade() -> None: ...
"""


def render(revision: str, down_revision: str | None) -> str:
    return TEMPLATE.format(revision=repr(revision), down_revision=repr(down_revision))
