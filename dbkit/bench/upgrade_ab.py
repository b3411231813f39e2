"""``python -m dbkit bench upgrade``: only the upgrades of one size, for an A/B of a change.

Our chain, the naive one and (``--against``) another checkout's, in turn, each from its own
settled copy under the same clients as ``make bench`` (``dbkit.bench.under_load``).
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.bench import IDLE_S, NAIVE_INI, load_database, percentile, say, under_load
from dbkit.bench.settle import copy_settled
from dbkit.database import PROJECT_ROOT

if TYPE_CHECKING:
    from dbkit.pg.server import Server


def upgrade_alone(server: Server, rows: int, repeats: int,
                  against: Path | None = None, idle: bool = False) -> dict:
    """Only the upgrades of one size, ours and naive (and ``against``'s, another checkout's
    chain, for an A/B of a change), in turn, ``repeats`` times (the order reversed every other
    repeat), each from its own settled copy under the same clients as ``make bench``: so the
    machine's load moves every side alike. The medians, and the median of each repeat's
    ratio to naive.

    Every side runs as ``make bench`` runs it (``python -m alembic -c INI upgrade head``, a
    new process, from its checkout); the table at 0001 comes from this checkout's
    ``alembic upgrade 0001``, as in ``make bench``. With ``idle``, the same clients with no
    migration (``make bench``'s idle phase, the floor) are a side too, in turn. Each side's
    slowest 1 % of client statements: how long their server processes waited for a CPU
    (``slowest_1pct``, from ``evidence.in_the_slowest``).
    """
    template = f"bench_template_{rows}"
    say(f"loading {rows:,} recruits at revision 0001 with COPY")
    load_database(server, template, rows)
    sides: list[tuple[str, Path | None, Path]] = [
        ("safe", PROJECT_ROOT / "alembic.ini", PROJECT_ROOT)]
    if against is not None:
        sides.append(("against", against / "alembic.ini", against))
    sides.append(("naive", NAIVE_INI, PROJECT_ROOT))
    if idle:
        sides.append(("idle", None, PROJECT_ROOT))
    seconds: dict[str, list[float]] = {side: [] for side, _, _ in sides}
    maxima: dict[str, list[float]] = {side: [] for side, _, _ in sides}
    p99s: dict[str, list[float]] = {side: [] for side, _, _ in sides}
    slowest: dict[str, list[dict]] = {side: [] for side, _, _ in sides}
    for number in range(repeats):
        for side, ini, cwd in (sides if number % 2 == 0 else sides[::-1]):
            say(f"{side} {'phase' if ini is None else 'chain'} at {rows:,} rows, "
                f"repeat {number + 1} of {repeats}")
            name = f"bench_{side}_{rows}"
            copy_settled(server, name, template)
            took, clients, found = under_load(server, name, rows, ini, IDLE_S, cwd=cwd)
            slowest[side].append(found["slowest_1pct"])
            seconds[side].append(round(took, 3))
            latencies = [ms for c in clients for _, ms in c["timeline"]]
            maxima[side].append(round(max(latencies), 1))
            p99s[side].append(round(percentile(latencies, 99), 2))
            server.drop_database(name)
    server.drop_database(template)
    results: dict = {"rows": rows, "repeats": repeats, "upgrade_s": seconds,
                     "client_max_ms": maxima, "client_p99_ms": p99s, "slowest_1pct": slowest,
                     "median_upgrade_s": {side: round(statistics.median(v), 3)
                                          for side, v in seconds.items()}}
    results["ratio_to_naive"] = {
        side: round(statistics.median(a / n for a, n in zip(v, seconds["naive"], strict=True)),
                    3)
        for side, v in seconds.items() if side not in ("naive", "idle")}
    if against is not None:
        results["against"] = str(against)
    return results
