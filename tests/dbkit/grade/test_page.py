"""The ``grade --class`` page as an instructor sees it, in a real headless Chromium.

``make test-browser`` runs these (``.ci/run`` installs Debian's chromium where it is missing);
without a browser they are skipped with one line saying so. The page is the one the command
writes, for a class graded on the suite's server; a probe script appended to a copy reads
what is on screen (``innerText`` leaves out what a closed ``<details>`` hides), opens a
learner from a grade's link, clicks every summary, and sorts by a column, as a person would.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from dbkit.grade import report

pytestmark = pytest.mark.browser
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
DOCS_SCREENSHOT = Path(__file__).resolve().parents[3] / "docs" / "grade-class.png"

PROBE = """
<script>
window.addEventListener('load', () => {
  const probe = {before: document.body.innerText};
  location.hash = '#learner-hasty--downgrades-work';
  setTimeout(() => {
    const hasty = document.getElementById('learner-hasty');
    probe.linkOpens = hasty.open;
    probe.shown = document.body.innerText;
    document.querySelectorAll('details').forEach(d => { if (d.open) d.querySelector('summary').click(); });
    probe.closed = Array.from(document.querySelectorAll('details')).map(d => d.open);
    document.querySelectorAll('details > summary').forEach(s => s.click());
    probe.opened = Array.from(document.querySelectorAll('details')).map(d => d.open);
    probe.after = document.body.innerText;
    const passed = Array.from(document.querySelectorAll('table.grades th button'))
      .find(b => b.textContent.trim() === 'passed');
    const order = () => Array.from(document.querySelectorAll('table.grades tbody tr'))
      .map(r => r.cells[0].textContent.trim());
    passed.click();
    probe.order = order();
    passed.click();
    probe.reversed = order();
    const out = document.createElement('pre');
    out.id = 'probe';
    out.textContent = JSON.stringify(probe);
    document.body.appendChild(out);
  }, 200);
});
</script>
"""


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine: `apt-get install -y chromium` (make test-browser)")


def headless(page: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", f"--user-data-dir={page.parent / 'profile'}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def page(graded, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    path = folder / "grades.html"
    path.write_text(report.class_html(graded), encoding="utf-8")
    return path


def test_the_grades_are_on_screen_and_each_learners_evidence_opens_with_a_click(page: Path) -> None:
    probed = page.with_name("probed.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                      encoding="utf-8")

    done = headless(probed, "--dump-dom", "--virtual-time-budget=5000", probed.as_uri())

    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stderr[-2000:]
    probe = json.loads(html.unescape(found[1]))
    before = " ".join(probe["before"].split())
    assert "careful 10/10 ✓ pass ✓ pass" in before  # a row: learner, passed, then the grades
    assert "hasty 2/10 ✓ pass ✗ fail ✓ pass ✗ fail" in before
    assert "? unclear" in before and "not graded: not a repository" in before
    assert "drop_constraint(None, ...): no name to drop" not in before  # evidence is one click away
    assert probe["linkOpens"] is True
    assert "drop_constraint(None, ...): no name to drop" in probe["shown"]
    assert probe["closed"] == [False, False, False]
    assert probe["opened"] == [True, True, True]
    assert "create_c26_recruits.py adds 5 recruits, cohort 'C26 Data Eng'" in probe["after"]
    assert probe["order"][0] == "careful" and probe["order"][-1].startswith("notes")
    assert probe["reversed"] == probe["order"][::-1]


def test_a_screenshot_of_the_page_at_laptop_size(page: Path) -> None:
    shot = page.with_name("grades.png")

    headless(page, "--window-size=1280,1800", f"--screenshot={shot}",
             page.as_uri() + "#learner-hasty")

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    if os.environ.get("DBKIT_WRITE_SCREENSHOT"):
        shutil.copyfile(shot, DOCS_SCREENSHOT)
