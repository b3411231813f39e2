"""A revision file that does not parse: its header read anyway, and whether it is Python 2.

Alembic finds a revision by its top-level ``revision``, ``down_revision``, ``branch_labels``
and ``depends_on``; :func:`scan_header` reads them with a literal scan of those assignments,
so a file the reviewer cannot parse still takes its place in the chain (its children are not
cut off, its parent is no head). :func:`is_python2` tells a file written for Python 2 (a
``print "..."`` statement in a Python 2.7 project, hotosm/osm-tasking-manager2 33a5ec066e1d)
from a file with a syntax error: it parses once its Python 2 statements are written the
Python 3 way. The rewrite is only that test; the reviewer reads no operation from it.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

from dbkit import pysource
from dbkit.review import pyversion
from dbkit.review.revision import HEADER, Revision

HEADER_LINE = re.compile(r"^(?P<name>revision|down_revision|branch_labels|depends_on)"
                         r"\s*(?::[^=\n]*)?=(?!=)\s*(?P<value>.*)$", re.M)
CONTINUED = 12  # how many lines a header's value (a tuple) may take
_UNREAD = object()
# Where a statement starts: after these tokens (":" ends a compound statement's header).
_STARTS = frozenset({tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT})
_ENDS = frozenset({tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER})
# A name after which ``print`` / ``exec`` is a name, not a statement.
_NAME_USE = frozenset({"=", ".", "[", "(", ")", ",", ":", "+=", "-=", ";"})

Edit = tuple[tuple[int, int], tuple[int, int], str]  # (start, end, replacement)


def unparsed(rev: Revision, source: str, exc: SyntaxError) -> Revision:
    """``rev``, whose ``source`` does not parse (``exc``): its header read by a literal scan
    (it keeps its place in the chain), and whether it is Python 2 (a warning) or broken (an
    error; :func:`newer_python` may make it a warning)."""
    scan_header(rev, source)
    rev.python2 = is_python2(source)
    rev.error = (f"is written for Python 2 (not Python 3 from line {exc.lineno})"
                 if rev.python2 else f"cannot be read as Python: {exc}")
    rev.syntax_error = None if rev.python2 else f"{exc.msg}, line {exc.lineno}"
    rev.revision_line = exc.lineno or 1
    return rev


def newer_python(rev: Revision, root: Path) -> None:
    """When ``rev`` does not parse here and its project (looked for up to ``root``, the
    repository under review) declares a Python newer than this one, say so in ``rev``: the
    file is not proven broken (a warning)."""
    if rev.syntax_error is None:
        return
    declared = pyversion.declared_minimum(rev.path.parent, root)
    here = sys.version_info[:2]
    if declared is not None and declared[0] > here:
        rev.newer_python = ".".join(map(str, declared[0]))
        rev.error = (f"does not parse under Python {here[0]}.{here[1]} ({rev.syntax_error}), "
                     f"and {declared[1].name} asks for Python {rev.newer_python} or newer")


def scan_header(rev: Revision, source: str) -> None:
    """Read the header's names from the top-level assignments of ``source`` into ``rev``,
    each value a Python literal."""
    lines = source.splitlines()
    for match in HEADER_LINE.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        value = _literal(match["value"], lines[line:line + CONTINUED])
        if value is not _UNREAD:
            HEADER[match["name"]](rev, value, line)


def _literal(first: str, more: list[str]) -> object:
    text = first
    for following in [None, *more]:
        if following is not None:
            text += "\n" + following
        try:  # parsed one at a time (pysource), then read as a literal
            body = pysource.parse(f"({text.strip()}\n)").body
            if len(body) == 1 and isinstance(body[0], ast.Expr):
                return ast.literal_eval(body[0].value)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return _UNREAD


def is_python2(source: str) -> bool:
    """Does ``source`` parse once its Python 2 forms (``print x``, ``exec code``,
    ``except E, e``, ``raise E, "why"``, backquotes, ``<>``, ``0777``, ``10L``) are written
    the Python 3 way?"""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return False
    edits = _edits(tokens)
    if not edits:
        return False
    try:
        pysource.parse(_apply(source, edits))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def _edits(tokens: list[tokenize.TokenInfo]) -> list[Edit]:
    edits: list[Edit] = []
    depth, start, backquotes = 0, True, 0
    for index, token in enumerate(tokens):
        string = token.string
        if token.type == tokenize.NAME and start and depth == 0:
            edits += _statement(tokens, index)
        elif token.type == tokenize.ERRORTOKEN and string == "`":
            edits.append((token.start, token.end, "repr(" if backquotes % 2 == 0 else ")"))
            backquotes += 1
        elif string == ">" and index and tokens[index - 1].string == "<" \
                and tokens[index - 1].end == token.start:
            edits.append((tokens[index - 1].start, token.end, "!="))
        elif token.type == tokenize.NUMBER and index and tokens[index - 1].string == "0" \
                and tokens[index - 1].end == token.start:
            edits.append((tokens[index - 1].start, tokens[index - 1].end, "0o"))
        elif token.type == tokenize.NAME and string in ("L", "l") and index \
                and tokens[index - 1].type == tokenize.NUMBER \
                and tokens[index - 1].end == token.start:
            edits.append((token.start, token.end, ""))
        depth += (string in "([{") - (string in ")]}") if token.type == tokenize.OP else 0
        if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.ERRORTOKEN):
            start = token.type in _STARTS or (depth == 0 and string in (";", ":")
                                              and token.type == tokenize.OP)
    return edits


def _statement(tokens: list[tokenize.TokenInfo], index: int) -> list[Edit]:
    """The edits of the Python 2 statement starting at ``tokens[index]``, if it is one."""
    keyword, following = tokens[index], tokens[index + 1]
    rest = _commas(tokens, index + 1)
    if keyword.string == "except":
        return [(t.start, t.end, " as ") for t in rest[:1] if t.string == ","]
    if keyword.string == "raise":
        end = _last(tokens, index + 1).end
        return [(keyword.end, keyword.end, " ("), (end, end, ")")] if rest else []
    if keyword.string not in ("print", "exec") or following.string in _NAME_USE:
        return []
    if following.type in _ENDS:
        return [(keyword.end, keyword.end, "()")]
    last = _last(tokens, index + 1)
    edits: list[Edit] = [(keyword.end, keyword.end, "(")]
    if following.string == ">>":  # ``print >>f, x``: ``print(f, x)``
        edits.append((following.start, following.end, ""))
    return edits + [(last.end, last.end, ")")]


def _commas(tokens: list[tokenize.TokenInfo], index: int) -> list[tokenize.TokenInfo]:
    """The commas at depth 0 from ``index`` to the end of the statement (or its ``:``)."""
    depth, commas = 0, []
    for token in tokens[index:]:
        if token.type in _ENDS or depth == 0 and token.string in (":", ";"):
            break
        if token.type == tokenize.OP:
            depth += (token.string in "([{") - (token.string in ")]}")
            if depth == 0 and token.string == ",":
                commas.append(token)
    return commas


def _last(tokens: list[tokenize.TokenInfo], index: int) -> tokenize.TokenInfo:
    """The last token of the statement that goes on at ``tokens[index]``."""
    depth, last = 0, tokens[index]
    for token in tokens[index:]:
        if token.type in _ENDS or depth == 0 and token.string == ";":
            break
        if token.type == tokenize.OP:
            depth += (token.string in "([{") - (token.string in ")]}")
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            last = token
    return last


def _apply(source: str, edits: list[Edit]) -> str:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    text = source
    for begin, end, replacement in sorted(edits, key=lambda e: (offset(e[0]), offset(e[1])),
                                          reverse=True):
        text = text[:offset(begin)] + replacement + text[offset(end):]
    return text
