"""The grades as text, markdown, CSV, JSON, and one HTML page an instructor reads first."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from dbkit.grade import Grade
from dbkit.grade.classroom import GradedClass, GradedLearner
from dbkit.grade.verdicts import CHECKS, FAIL, PASS, SYMBOL, UNCLEAR

SHORT = {"chain-runs-empty": "runs empty", "chain-runs-populated": "runs with rows",
         "email-required-unique": "e-mail", "rocketchat-renamed": "rocketchat",
         "id-number-removed": "id number gone", "cohorts-table": "cohort table",
         "cohort-values-kept": "cohorts kept", "seeding-scripts": "scripts",
         "downgrades-work": "downgrades", "commits-often": "commits"}


def _verdicts(learner: GradedLearner) -> list[str]:
    if learner.grade is None:
        return [""] * len(CHECKS)
    by_id = {c.id: c.verdict for c in learner.grade.checks}
    return [by_id.get(check, "") for check, _ in CHECKS]


# --- one repository ----------------------------------------------------------------------------

def grade_text(grade: Grade, *, evidence: bool = True) -> str:
    lines = [f"{grade.path}: {grade.passed} of {len(grade.checks)} checks pass "
             f"({grade.seconds:.1f} s)"]
    if grade.runs_as:
        lines.append(f"  (the learner's code ran as {grade.runs_as}, connected as an "
                     "unprivileged database role)")
    for said in grade.matched:
        lines.append(f"  matched  {said}")
    width = max(len(c) for c, _ in CHECKS)
    for check in grade.checks:
        lines.append(f"  {SYMBOL[check.verdict]} {check.verdict:<7} {check.id:<{width}}  "
                     f"{check.summary}")
        if evidence:
            lines += [f"      {e}" for e in check.evidence]
        lines += [f"      note: {n}" for n in check.notes]
    return "\n".join(lines)


def grade_json(grade: Grade) -> str:
    return json.dumps(grade.as_json(), indent=2, ensure_ascii=False)


# --- a class -----------------------------------------------------------------------------------

def _cells(result: GradedClass) -> tuple[list[str], list[list[str]]]:
    header = ["learner", "passed", *(c for c, _ in CHECKS), "problem"]
    rows = []
    for learner in result.learners:
        passed = f"{learner.grade.passed}/{len(learner.grade.checks)}" if learner.grade else ""
        rows.append([learner.name, passed, *_verdicts(learner), learner.problem or ""])
    return header, rows


def class_text(result: GradedClass) -> str:
    header, rows = _cells(result)
    shown = [[c if i < 2 or i == len(row) - 1 or not c else f"{SYMBOL[c]} {c}"
              for i, c in enumerate(row)] for row in rows]
    widths = [max(len(r[i]) for r in [header, *shown]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                     for row in [header, *shown])


def class_markdown(result: GradedClass) -> str:
    header, rows = _cells(result)

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"

    shown = [[c if i < 2 or i == len(row) - 1 or not c else f"{SYMBOL[c]} {c}"
              for i, c in enumerate(row)] for row in rows]
    return "\n".join([line(header), line(["---"] * len(header)), *map(line, shown)])


def class_csv(result: GradedClass) -> str:
    header, rows = _cells(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def class_json(result: GradedClass) -> str:
    return json.dumps(result.as_json(), indent=2, ensure_ascii=False)


# --- the page ----------------------------------------------------------------------------------

ORDER = {PASS: 2, UNCLEAR: 1, FAIL: 0, "": -1}
STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 80em; }
h1 { font-size: 1.4em; } p.legend span { margin-right: 1.2em; }
table.grades { border-collapse: collapse; width: 100%; table-layout: auto; }
table.grades th, table.grades td { border: 1px solid #ccc; padding: 0.35em 0.4em; }
table.grades th { background: #f3f3f3; font-size: 0.85em; vertical-align: bottom; }
table.grades tbody th { text-align: left; font-size: 0.95em; }
table.grades th button { all: unset; cursor: pointer; display: block; }
table.grades th button:focus-visible { outline: 2px solid #36c; }
table.grades th[aria-sort=ascending] button::after { content: " \\25B2"; }
table.grades th[aria-sort=descending] button::after { content: " \\25BC"; }
td.v { text-align: center; white-space: nowrap; font-size: 0.9em; }
td.v a { color: inherit; text-decoration: none; display: block; }
.pass { background: #d9f2dd; color: #0b5d1e; } .fail { background: #fbdcdc; color: #8a1414; }
.unclear { background: #fff1c9; color: #6b4e00; } .problem { background: #eee; font-style: italic; }
.sym { font-weight: bold; font-size: 1.1em; }
details { margin: 0.6em 0; border: 1px solid #ddd; border-radius: 4px; padding: 0.3em 0.8em; }
details[open] { background: #fafafa; } details:target { outline: 2px solid #36c; }
summary { cursor: pointer; font-weight: bold; }
ul.checks { list-style: none; padding-left: 0; } ul.checks > li { margin: 0.5em 0; padding: 0.3em; }
ul.evidence { margin: 0.2em 0 0 1.5em; font-size: 0.9em; } code { font-size: 0.92em; }
"""
SCRIPT = """
function openTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  const details = target && (target.closest('details') || target);
  if (details && details.tagName === 'DETAILS') { details.open = true; target.scrollIntoView(); }
}
window.addEventListener('hashchange', openTarget);
document.addEventListener('DOMContentLoaded', () => {
  openTarget();
  document.querySelectorAll('table.grades th button').forEach((button, column) => {
    button.addEventListener('click', () => {
      const th = button.parentElement, table = th.closest('table'), body = table.tBodies[0];
      const down = th.getAttribute('aria-sort') !== 'descending';
      table.querySelectorAll('th').forEach(h => h.removeAttribute('aria-sort'));
      th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
      const key = row => row.cells[column].dataset.sort ?? row.cells[column].textContent;
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = key(a), y = key(b), nx = Number(x), ny = Number(y);
        const c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : String(x).localeCompare(String(y));
        return down ? -c : c;
      });
      rows.forEach(row => body.appendChild(row));
    });
  });
});
"""


def _anchor(name: str) -> str:
    return "learner-" + re.sub(r"[^A-Za-z0-9_-]+", "-", name)


def class_html(result: GradedClass) -> str:
    e = html.escape
    head = ['<th scope="col" aria-sort="ascending"><button type="button">learner</button></th>',
            '<th scope="col"><button type="button" title="checks passed">passed</button></th>']
    head += [f'<th scope="col"><button type="button" title="{e(check)}: {e(what)}">'
             f"{e(SHORT[check])}</button></th>" for check, what in CHECKS]
    body = []
    for learner in result.learners:
        anchor = _anchor(learner.name)
        cells = [f'<th scope="row" data-sort="{e(learner.name.lower())}">'
                 f'<a href="#{anchor}">{e(learner.name)}</a></th>']
        if learner.grade is None:
            cells.append('<td data-sort="-1"></td>')
            cells.append(f'<td class="problem" colspan="{len(CHECKS)}">not graded: '
                         f"{e(learner.problem or '')}</td>")
        else:
            passed = learner.grade.passed
            cells.append(f'<td class="v" data-sort="{passed}">{passed}/{len(CHECKS)}</td>')
            for check, verdict in zip((c for c, _ in CHECKS), _verdicts(learner), strict=True):
                symbol = SYMBOL.get(verdict, "")
                cells.append(f'<td class="v {verdict}" data-sort="{ORDER[verdict]}">'
                             f'<a href="#{anchor}--{check}" title="{e(check)}: {verdict}">'
                             f'<span class="sym" aria-hidden="true">{symbol}'
                             f"</span> {verdict}</a></td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    details = [_learner_html(learner) for learner in result.learners]
    counts = {v: sum(1 for x in result.learners if x.grade for c in x.grade.checks
                     if c.verdict == v) for v in (PASS, FAIL, UNCLEAR)}
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grades: {e(result.source)}</title><style>{STYLE}</style></head><body>
<h1>Database migrations with SQLAlchemy: grades of {e(result.source)}</h1>
<p>{len(result.learners)} repositories, each chain run on a throwaway PostgreSQL with rows
(learners' code in a sandbox). Click a learner or a grade for its evidence; click a column
heading to sort.</p>
<p class="legend"><span class="pass">&nbsp;{SYMBOL[PASS]} pass&nbsp;</span>
<span class="fail">&nbsp;{SYMBOL[FAIL]} fail&nbsp;</span>
<span class="unclear">&nbsp;{SYMBOL[UNCLEAR]} unclear&nbsp;</span>
<span>{counts[PASS]} passes, {counts[FAIL]} fails, {counts[UNCLEAR]} unclear;
commits-often passes at {result.commits_threshold} commits</span></p>
<table class="grades"><thead><tr>{"".join(head)}</tr></thead>
<tbody>{"".join(body)}</tbody></table>
<h2>Evidence</h2>
{"".join(details)}
<script>{SCRIPT}</script>
</body></html>
"""


def _learner_html(learner: GradedLearner) -> str:
    e = html.escape
    anchor = _anchor(learner.name)
    if learner.grade is None:
        return (f'<details id="{anchor}"><summary>{e(learner.name)}: not graded</summary>'
                f"<p>{e(learner.path)}</p><p>{e(learner.problem or '')}</p></details>")
    grade = learner.grade
    items = []
    for check in grade.checks:
        evidence = "".join(f"<li><code>{e(x)}</code></li>" for x in check.evidence)
        notes = "".join(f"<li>note: {e(x)}</li>" for x in check.notes)
        items.append(f'<li id="{anchor}--{e(check.id)}" class="{check.verdict}">'
                     f'<span class="sym">{SYMBOL[check.verdict]}</span> <b>{e(check.id)}</b> '
                     f"({check.verdict}): {e(check.summary)}"
                     + (f'<ul class="evidence">{evidence}{notes}</ul>' if evidence or notes else "")
                     + "</li>")
    matched = "".join(f"<li>{e(m)}</li>" for m in grade.matched)
    return (f'<details id="{anchor}"><summary>{e(learner.name)}: {grade.passed} of '
            f"{len(grade.checks)} checks pass</summary><p>{e(learner.path)} "
            f"({grade.seconds:.1f} s)</p>"
            + (f"<p>Matched:</p><ul>{matched}</ul>" if matched else "")
            + f'<ul class="checks">{"".join(items)}</ul></details>')
