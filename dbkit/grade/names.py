"""Which table holds the recruits, which the cohorts, and which column is which, by their names.

Learners name things their own way (``recruit`` or ``recruits``, ``chatname`` or ``chat_name``,
``cohort``, ``chort`` or ``cohort_name``): a table is the recruits table when its columns look
like a recruit's (first name, surname, GitHub name, chat name, ID number, e-mail, cohort), and a
column is found by what its name means, not by one spelling. Every match is said in the evidence.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

# what a recruit has, by the brief; each a test on a column's normalised name
RECRUIT_SIGNS = {
    "first name": lambda n: n in ("firstname", "name", "fname", "givenname"),
    "surname": lambda n: n in ("surname", "lastname", "lname", "familyname"),
    "github name": lambda n: "github" in n or n.startswith("git"),
    "chat name": lambda n: "chat" in n,
    "id number": lambda n: is_id_number(n),
    "e-mail": lambda n: "email" in n or "mail" in n,
}


def norm(name: str) -> str:
    """``Personal_Email-Address`` -> ``personalemailaddress``."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def is_id_number(name: str) -> bool:
    n = norm(name)
    return n in ("idnumber", "idno", "idnum", "identitynumber", "idnumbers", "nationalid",
                 "saidnumber", "rsaid")


def is_chat(name: str) -> bool:
    """The brief's ``chatname`` before the rename (``chat_name``, ``chatName``), not the new one."""
    n = norm(name)
    return "chat" in n and "rocket" not in n


def is_rocketchat(name: str) -> bool:
    n = norm(name)
    return "rocket" in n


def is_email(name: str) -> bool:
    return "mail" in norm(name)


def is_cohort(name: str) -> bool:
    """``cohort``, ``cohort_name``, ``cohort_recruits``, ``cohort_id``, and a typo like ``chort``."""
    n = norm(name)
    if "cohort" in n:
        return True
    return any(difflib.SequenceMatcher(None, part, "cohort").ratio() >= 0.8
               for part in re.split(r"[^a-z]", name.lower()) if part)


def is_key_like(name: str) -> bool:
    """A column holding ids rather than words (``cohort_id``, ``id``)."""
    return name.lower() in ("id", "pk") or name.lower().endswith("_id") or name.endswith("Id")


def recruit_score(table: str, columns: Iterable[str]) -> int:
    names = [norm(c) for c in columns]
    score = sum(1 for test in RECRUIT_SIGNS.values() if any(test(n) for n in names))
    return score + (1 if "recruit" in norm(table) else 0)


def recruits_table(tables: dict[str, list[str]]) -> str | None:
    """The table that holds the recruits: the one whose columns look most like a recruit's."""
    scored = sorted(((recruit_score(t, cols), "recruit" in norm(t), t) for t, cols in tables.items()),
                    reverse=True)
    if not scored or scored[0][0] < 3:
        return None
    return scored[0][2]


def first(columns: Iterable[str], test: Callable[[str], object]) -> str | None:
    """The first column passing ``test``, the exact brief spelling first."""
    matches = [c for c in columns if test(c)]
    return matches[0] if matches else None


def email_column(columns: Iterable[str]) -> str | None:
    columns = list(columns)
    if "personal_email_address" in columns:
        return "personal_email_address"
    return first(columns, is_email)


def cohort_label_column(columns: Iterable[str]) -> str | None:
    """A recruits column holding a cohort as words (``cohort``, ``chort``), not as an id."""
    return first(columns, lambda c: is_cohort(c) and not is_key_like(c))


def label_column(columns: list[str], types: dict[str, str] | None = None) -> str | None:
    """The column of a cohort table that names the cohort (``name``, ``cohort``, ``title``)."""
    texts = [c for c in columns if not is_key_like(c)
             and (types is None or types.get(c, "text") in ("text", "string"))]
    for test in (lambda c: norm(c) in ("name", "cohortname", "cohort", "title", "label", "code"),
                 lambda c: is_cohort(c) or "name" in norm(c)):
        found = first(texts, test)
        if found:
            return found
    return texts[0] if texts else None
