"""The benchmark's picture: client latency during the upgrade, ours against naive, and
the growth with rows. matplotlib is a benchmark-only dependency (requirements-bench.txt).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display

import matplotlib.pyplot as plt  # noqa: E402

COLOURS = {"safe": "tab:blue", "naive": "tab:red", "idle": "tab:gray"}
LABELS = {"safe": "ours (dbkit.online)", "naive": "naive chain", "idle": "idle (no migration)"}
TARGET_MS = 30


def write(results: dict, base: Path) -> list[Path]:
    """``base``.png and ``base``.svg from the figures of one ``make bench`` run."""
    sizes = results["sizes"]
    largest = str(sizes[-1]["rows"])
    timelines = results["timelines"][largest]
    figure, (over_time, upgrade, worst) = plt.subplots(
        1, 3, figsize=(16, 5), gridspec_kw={"width_ratios": [2.2, 1, 1]})

    for phase in ("idle", "safe", "naive"):  # the floor at the back, the naive chain in front
        points = [p for kind in ("update", "read") for p in timelines.get(phase, {}).get(kind, [])]
        if points:
            over_time.scatter([t for t, _ in points], [ms for _, ms in points], s=3,
                              alpha=0.35 if phase == "idle" else 0.6 if phase == "safe" else 0.9,
                              color=COLOURS[phase], rasterized=True,
                              label=f"{LABELS[phase]}: max {max(ms for _, ms in points):,.0f} ms")
    over_time.axhline(TARGET_MS, color="black", linestyle="--", linewidth=0.8,
                      label=f"target: {TARGET_MS} ms")
    over_time.set_yscale("log")
    over_time.set_xlabel("seconds since the upgrade started")
    over_time.set_ylabel("client statement latency (ms, log)")
    over_time.set_title(f"Each client statement during alembic upgrade head, "
                        f"{int(largest):,} rows")
    over_time.legend(loc="upper right", fontsize=8, markerscale=3)

    rows = [s["rows"] for s in sizes]
    for phase in ("safe", "naive"):
        upgrade.plot(rows, [s[f"{phase}_upgrade_s"] for s in sizes], marker="o",
                     color=COLOURS[phase], label=LABELS[phase])
    upgrade.plot(rows, [1.2 * s["naive_upgrade_s"] for s in sizes], linestyle="--",
                 color="black", linewidth=0.8, label="target: 1.2 × naive")
    upgrade.set_xscale("log")
    upgrade.set_ylim(bottom=0)
    upgrade.set_xlabel("rows")
    upgrade.set_ylabel("upgrade head (s)")
    upgrade.set_title("Upgrade time with rows")
    upgrade.legend(fontsize=8)

    for phase in ("safe", "naive", "idle"):
        worst.plot(rows, [s[f"{phase}_client_max_ms"] for s in sizes], marker="o",
                   color=COLOURS[phase], label=f"{LABELS[phase]}, max")
    worst.plot(rows, [s["safe_client_p99_ms"] for s in sizes], marker="x", linestyle=":",
               color=COLOURS["safe"], label=f"{LABELS['safe']}, p99")
    worst.axhline(TARGET_MS, color="black", linestyle="--", linewidth=0.8)
    worst.set_xscale("log")
    worst.set_yscale("log")
    worst.set_xlabel("rows")
    worst.set_ylabel("client latency (ms, log)")
    worst.set_title("Longest client statement with rows")
    worst.legend(fontsize=8)

    load = results.get("load_before") or ["?"]
    figure.suptitle(f"dbkit bench {results.get('started_at', '')}: {results.get('machine', '')}, "
                    f"load {load[0]} before", fontsize=9)
    figure.tight_layout()
    base.parent.mkdir(parents=True, exist_ok=True)
    paths = [base.with_suffix(".png"), base.with_suffix(".svg")]
    for path in paths:
        figure.savefig(path, dpi=110)
    plt.close(figure)
    return paths
