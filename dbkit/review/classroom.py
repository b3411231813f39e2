"""A class of repositories reviewed at once: a row per learner, a column per rule.

``review_class(source, static)`` takes a folder of clones (each folder in it is a learner)
or a file listing repository paths (one a line, ``#`` for comments, relative to the file).
A repository that cannot be read is a row that says why; the class goes on. With
``run=True`` every chain also runs (``dbkit.review.run``) on one throwaway server, each
learner in a database, a role and a sandbox process of their own, ``jobs`` at a time.
The result prints as text, markdown, CSV or JSON, or as one HTML page with each learner's
findings one click away.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.errors import DbkitError
from dbkit.review.findings import printable, single_line

if TYPE_CHECKING:
    from dbkit.pg.server import Server

StaticReview = Callable[[str], list]


@dataclass
class Learner:
    name: str
    path: str
    problem: str | None = None  # why the repository could not be reviewed
    findings: list[dict] = field(default_factory=list)
    run: dict | None = None
    position: int = 0  # where the learner is in the whole class (shards merge back in order)

    @property
    def counts(self) -> Counter:
        return Counter(f["rule"] for f in self.findings)

    @property
    def errors(self) -> int:
        return sum(f["severity"] == "error" for f in self.findings)

    @property
    def anchor(self) -> str:
        return "learner-" + re.sub(r"[^A-Za-z0-9_-]+", "-", self.name)


@dataclass
class ClassResult:
    source: str
    learners: list[Learner]
    ran: bool
    shard: tuple[int, int] | None = None  # (I, N): this result is slice I of N

    @property
    def rules(self) -> list[str]:
        return sorted({rule for learner in self.learners for rule in learner.counts})


def repositories(source: Path) -> list[tuple[str, Path]]:
    """(name, path) of each learner's repository at ``source``."""
    source = Path(source)
    if source.is_dir():
        return [(p.name, p) for p in sorted(source.iterdir())
                if p.is_dir() and not p.name.startswith(".")]
    if source.is_file():
        found = []
        for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                path = Path(line) if Path(line).is_absolute() else source.parent / line
                found.append((Path(line).name or line, path))
        return found
    raise DbkitError(f"{source} is neither a folder of repositories nor a file listing them")


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/5"`` -> (2, 5): slice 2 of 5."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text or "")
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise DbkitError(f"--shard takes I/N with 1 <= I <= N (for example 2/5), not {text!r}")
    return int(match.group(1)), int(match.group(2))


def in_shard(position: int, shard: tuple[int, int] | None) -> bool:
    """Learner ``position`` (0, 1, ...) of the class belongs to ``shard``: every Nth, from I."""
    return shard is None or position % shard[1] == shard[0] - 1


def review_class(source: Path, static: StaticReview, *, run: bool = False, jobs: int = 2,
                 progress: bool = False, server: Server | None = None,
                 shard: tuple[int, int] | None = None) -> ClassResult:
    """Every learner's review; a learner whose repository cannot be read gets a reason.

    With ``shard=(I, N)`` only slice I of N (every Nth learner from the Ith), for one
    machine of many; :func:`merge` puts the slices back into the one table.
    """
    repos = repositories(source)
    learners = [Learner(name, str(path), position=position)
                for position, (name, path) in enumerate(repos) if in_shard(position, shard)]
    owned = None
    if run and server is None:
        from dbkit.pg.server import throwaway_server

        server = owned = throwaway_server()
    try:
        with _Progress(progress, len(learners)) as bar, \
                ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
            futures = {pool.submit(_review_one, learner, static, server if run else None): learner
                       for learner in learners}
            for future in as_completed(futures):
                future.result()
                bar.advance(futures[future].name)
    finally:
        if owned is not None:
            owned.remove()
    return ClassResult(str(source), learners, run, shard)


def merge(parts: list[dict]) -> ClassResult:
    """One class from the JSON (:func:`as_json`, parsed) of its shards, in the class's order.

    Every shard of the same N must be there once; a whole class (no shard) merges alone.
    """
    if not parts:
        raise DbkitError("--merge needs the JSON of at least one shard")
    shards = [tuple(p["shard"]) if p.get("shard") else None for p in parts]
    counts = {s[1] if s else None for s in shards}
    if len(counts) != 1:
        raise DbkitError("--merge: the shards come from different splits "
                         f"({', '.join(f'{s[0]}/{s[1]}' if s else 'whole' for s in shards)})")
    total = counts.pop()
    if total is not None:
        given = [s[0] for s in shards if s]
        missing = sorted(set(range(1, total + 1)) - set(given))
        twice = sorted({i for i in given if given.count(i) > 1})
        if missing or twice:
            raise DbkitError("--merge: " + "; ".join(
                [f"shard {', '.join(f'{i}/{total}' for i in missing)} missing"] * bool(missing)
                + [f"shard {', '.join(f'{i}/{total}' for i in twice)} given twice"] * bool(twice)))
    elif len(parts) > 1:
        raise DbkitError("--merge: more than one whole class given (no shard in their JSON)")
    learners = sorted((Learner(x["name"], x["path"], x.get("problem"), x.get("findings") or [],
                               x.get("run"), x.get("position", 0))
                       for p in parts for x in p["learners"]), key=lambda x: x.position)
    return ClassResult(parts[0]["source"], learners, all(p.get("ran") for p in parts))


def _review_one(learner: Learner, static: StaticReview, server: Server | None) -> None:
    from dbkit.review.run.report import report_for  # the run's marks on the static findings

    try:
        if not Path(learner.path).is_dir():
            raise DbkitError(f"{learner.path} is not a folder")
        if server is None:
            learner.findings = [f.as_json() for f in static(learner.path)]
            return
        from dbkit.review.run import run_chain

        learner.findings = [f.as_json() for f in static(learner.path)]
        try:
            chain_run = run_chain(Path(learner.path), server)
        except DbkitError as exc:  # the static findings stand; the row says why it did not run
            learner.problem = f"not run: {str(exc).splitlines()[0]}"
            return
        report = report_for(learner.path, static, chain_run)
        learner.findings, learner.run = report["findings"], report["run"]
    except DbkitError as exc:
        learner.problem = str(exc).splitlines()[0]
    except Exception as exc:  # one learner's odd repository never ends the class
        learner.problem = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("reviewing", total=self.total)
        return self

    def advance(self, name: str) -> None:
        if self.enabled:
            self.progress.update(self.task, advance=1, description=f"reviewed {name}")

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()


# --- output ------------------------------------------------------------------------------------

def _cells(result: ClassResult) -> tuple[list[str], list[list[str]]]:
    header = ["learner", "errors", *result.rules, "problem"]
    rows = []
    for learner in result.learners:
        counts = learner.counts
        rows.append([single_line(learner.name), "" if learner.problem else str(learner.errors),
                     *[str(counts[r]) if counts[r] else "" for r in result.rules],
                     single_line(learner.problem or "")])
    return header, rows


def as_text(result: ClassResult) -> str:
    header, rows = _cells(result)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    return "\n".join(lines)


def as_markdown(result: ClassResult) -> str:
    header, rows = _cells(result)

    def line(cells: list[str]) -> str:  # learner text: no HTML, no table breaking
        return "| " + " | ".join(html.escape(c).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), line(["---"] * len(header)), *map(line, rows)])


def as_csv(result: ClassResult) -> str:
    header, rows = _cells(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def _printable(value: object) -> object:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(v) for v in value]
    return value


def as_json(result: ClassResult) -> str:
    return json.dumps(_printable({
        "source": result.source, "ran": result.ran, "rules": result.rules,
        "shard": list(result.shard) if result.shard else None,
        "learners": [{"name": x.name, "path": x.path, "problem": x.problem,
                      "errors": x.errors, "counts": dict(x.counts),
                      "findings": x.findings, "run": x.run, "position": x.position}
                     for x in result.learners]}), indent=2)


def _e(text: object) -> str:
    """Learner text in HTML: escaped, printable, one line."""
    return html.escape(single_line(str(text)))


def as_html(result: ClassResult) -> str:
    e = _e
    header, rows = _cells(result)
    table = ["<tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>"]
    for learner, row in zip(result.learners, rows, strict=True):
        cells = [f'<td><a href="#{learner.anchor}">{e(row[0])}</a></td>']
        cells += [f'<td class="{"bad" if c not in ("", "0") else ""}">{e(c)}</td>' for c in row[1:]]
        table.append("<tr>" + "".join(cells) + "</tr>")
    details = []
    for learner in result.learners:
        body = [f"<p>{e(learner.path)}</p>"]
        if learner.problem:
            body.append(f'<p class="bad">Not reviewed: {e(learner.problem)}</p>')
        items = "".join(
            f"<li><b>{e(f['severity'])}</b> {e(f['rule'])} <code>{e(str(f['file']))}:"
            f"{f['line']}</code>: {e(f['message'])}"
            + (f" <i>({e(_mark(f))})</i>" if "confirmed" in f else "") + "</li>"
            for f in sorted(learner.findings, key=lambda f: (str(f["file"]), f["line"])))
        if items:
            body.append(f"<ul>{items}</ul>")
        if learner.run:
            body.append(_run_html(learner.run))
        details.append(f'<details id="{learner.anchor}"><summary>{e(learner.name)}: '
                       f'{learner.errors} error(s)</summary>{"".join(body)}</details>')
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Migration review of {e(result.source)}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }} table {{ border-collapse: collapse; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: center; }}
th {{ writing-mode: vertical-rl; }} th:first-child, td:first-child {{ text-align: left; }}
.bad {{ background: #fdd; }} details {{ margin: 0.5em 0; }} details:target {{ outline: 2px solid #88f; }}
</style></head><body>
<h1>Migration review of {e(result.source)}</h1>
<p>{len(result.learners)} repositories{", each chain run with data" if result.ran else ""}.
Click a learner for the details.</p>
<table>{"".join(table)}</table>
<h2>Details</h2>
<script>document.querySelectorAll('a[href^="#"]').forEach(a => a.addEventListener('click',
() => {{ const d = document.querySelector(a.getAttribute('href')); if (d) d.open = true; }}));</script>
{"".join(details)}
</body></html>
"""


def _mark(finding: dict) -> str:
    word = {True: "confirmed by the run", False: "the run shows the data kept",
            None: "not reached by the run"}[finding["confirmed"]]
    return f"{word}: {finding.get('reason') or ''}"


def _run_html(run: dict) -> str:
    e = _e
    rows = []
    for step in run["revisions"]:
        moved = ", ".join(f"{v['table']}.{v['column']} {v['kind']}"
                          + (f" to {v['where']}" if v["where"] else "")
                          for v in step["values"] if v["kind"] != "survived")
        rows.append(f"<tr><td>{e(Path(step['file']).name)}</td><td>{e(step['upgrade'])}</td>"
                    f"<td>{e(moved)}</td><td>{e(step['downgrade'])}</td></tr>")
    return ("<table><tr><th>revision</th><th>upgrade</th><th>values not in place</th>"
            f"<th>downgrade</th></tr>{''.join(rows)}</table>")
