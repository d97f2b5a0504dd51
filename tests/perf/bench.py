"""`make bench`: every goal of issue 4 measured ≥3 times beside its ceiling from the same run.

    python -m tests.perf.bench [--size toy|full] [--runs N] [--json build/bench.json] [--only GROUP,…]

GROUPS: sync (initial sync, GUI stall, incremental sync), list (the list at full size), startup, deadlines (the
deadline queues of issue 11: their counts, "Việc của tôi" by time left, the filter row with a deadline state),
record (the ward's record of issue 13: a month, and a whole year beside it).

`full` uses the 1M-report cache (built once under build/bench/, see cache.py) and 100k-report syncs; `toy`
(the default of TRIAGE_BENCH_SIZE, used by `make test`) runs the same code on a small cache so it keeps working.
Runs of the thing and of its ceiling alternate, so both see the same machine noise; the ratio column is the
median of the paired ratios. Prints a table and writes a JSON list: name, unit, median, min, max, ceiling,
goal, met (one object per row of the goal table).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.perf import cache
from tests.perf.resume_env import resume_env
from tests.perf.sync_bench import feed_server, ideal_pipeline, incremental, initial_sync

SIZES = {"toy": {"cache": 3_000, "sync": 2_000}, "full": {"cache": 1_000_000, "sync": 100_000}}
GROUPS = ("sync", "list", "deadlines", "startup", "record")


@dataclass
class Row:
    name: str
    unit: str
    goal: str
    values: list[float]
    ceilings: list[float]
    met_when: Callable[[float, float], bool] = field(repr=False)
    note: str = ""

    def result(self) -> dict[str, Any]:
        median, ceiling = statistics.median(self.values), statistics.median(self.ceilings)
        ratios = [v / c for v, c in zip(self.values, self.ceilings, strict=False) if c]
        return {"name": self.name, "unit": self.unit, "median": round(median, 2), "min": round(min(self.values), 2),
                "max": round(max(self.values), 2), "ceiling": round(ceiling, 2), "goal": self.goal,
                "met": bool(self.met_when(median, ceiling)),
                "ratio": round(statistics.median(ratios), 3) if ratios else None, "runs": len(self.values),
                "note": self.note}


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    env.update(extra)
    return env


def _json_of(command: list[str], **env: str) -> dict[str, Any]:
    done = subprocess.run(command, cwd=cache.ROOT, env=_env(**env), capture_output=True, text=True, timeout=900,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _first_line_ms(command: list[str], expect: str, **env: str) -> float:
    """Milliseconds from spawning `command` to its first stdout line (which must start with `expect`)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cache.ROOT, env=_env(**env), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    if not line.startswith(expect):
        raise RuntimeError(f"{command} said {line!r}\n{stderr[-3000:]}")
    return elapsed


BARE_WINDOW = (
    "import sqlalchemy.orm, requests\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow, QTableView\n"
    "app = QApplication([])\n"
    "w = QMainWindow(); w.setCentralWidget(QTableView()); w.resize(1280, 800); w.show()\n"
    "QTimer.singleShot(0, lambda: (print('first-paint', flush=True), app.quit()))\n"
    "app.exec()\n"
)


def measure(size: str, runs: int, log: Callable[[str], None], groups: tuple[str, ...] = GROUPS) -> list[Row]:
    sizes = SIZES[size]
    n_cache, n_sync = sizes["cache"], sizes["sync"]
    log(f"cache of {n_cache} reports…")
    profile = cache.profile_for(n_cache)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=cache.BENCH_DIR))
    rows: list[Row] = []
    if "sync" in groups:
        rows += _sync_rows(profile, work, n_cache, n_sync, runs, log)
    if "list" in groups:
        rows += _list_rows(profile, runs, log)
    if "deadlines" in groups:
        rows += _deadline_rows(profile, runs, log)
    if "startup" in groups:
        rows += _startup_rows(profile, work, runs, log)
    if "record" in groups:
        rows += _record_rows(profile, runs, log)
    shutil.rmtree(work, ignore_errors=True)
    return rows


def _sync_rows(profile: Path, work: Path, n_cache: int, n_sync: int, runs: int,
               log: Callable[[str], None]) -> list[Row]:
    py = sys.executable
    rows: list[Row] = []
    log(f"initial sync of {n_sync} reports (real engine) against the ideal pipeline…")
    ours, ideal = [], []
    with feed_server(n_sync) as url:
        for _ in range(runs):
            ideal.append(ideal_pipeline(url, work / "ideal", n_sync))
            ours.append(initial_sync(url, work / "sync", n_sync))
        rows.append(Row("initial_sync", "records/s", "≥ 0.6 × ideal pipeline", ours, ideal,
                        lambda m, c: m >= 0.6 * c,
                        note=f"{n_sync} reports; ideal = fetch + parse + raw executemany + FTS5 rebuild"))

        log("GUI stall while the window syncs…")
        stalls, idle = [], []
        for _ in range(runs):
            result = _json_of([py, "-m", "tests.perf.gui_stall", url, str(n_sync), str(work / "stall")])
            if result["rows"] != n_sync:
                raise RuntimeError(f"window shows {result['rows']} rows after the sync")
            stalls.append(result["stall"])
            idle.append(result["idle_stall"])
        rows.append(Row("gui_stall_during_sync", "ms", "≤ 50 ms", stalls, idle, lambda m, c: m <= 50,
                        note=f"10 ms probe timer; {n_sync}-report sync; ceiling = same probe, window idle"))

    log(f"incremental sync: 5 new among {n_cache}…")
    results = incremental(profile, runs)
    transferred = {t for _, t, _ in results}
    rows.append(Row("incremental_sync_5_new", "ms", "≤ 100 ms, only the 5 transferred",
                    [r[0] for r in results], [r[2] for r in results],
                    lambda m, c: m <= 100 and transferred == {5},
                    note=f"changes transferred per run: {sorted(transferred)}; ceiling = one GET + raw insert"))
    return rows


def _probe_runs(profile: Path, runs: int, mode: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(app runs, bare runs) of tests.perf.ui_probe in `mode`, a fresh process each, the ceiling first."""
    app_runs, bare_runs = [], []
    for _ in range(runs):
        bare_runs.append(_json_of([sys.executable, "-m", "tests.perf.ui_probe", str(profile), f"bare{mode}"]))
        app_runs.append(_json_of([sys.executable, "-m", "tests.perf.ui_probe", str(profile), f"app{mode}"]))
    return app_runs, bare_runs


def _list_rows(profile: Path, runs: int, log: Callable[[str], None]) -> list[Row]:
    log("the list at full size (fresh process per run)…")
    app_runs, bare_runs = _probe_runs(profile, runs, "")

    def ui_row(name: str, key: str, unit: str, goal: str, met: Callable[[float, float], bool], note: str) -> Row:
        return Row(name, unit, goal, [r[key] for r in app_runs], [r[key] for r in bare_runs], met, note)

    return [
        ui_row("first_paint", "first_paint", "ms", "≤ 60 ms or ≤ 1.5 × bare model",
               lambda m, c: m <= 60 or m <= 1.5 * c, "ItemTableModel + ItemListView; ceiling = bare windowed model"),
        ui_row("sort_any_column", "sort", "ms", "≤ 100 ms", lambda m, c: m <= 100,
               "worst of 8 columns × 2 orders, a row selected; ceiling = bare model, indexed column"),
        ui_row("filter_status_category_assignee", "filter", "ms", "≤ 100 ms", lambda m, c: m <= 100,
               "worst of 3 filters; ceiling = bare model, plain WHERE"),
        ui_row("search_as_you_type_p95", "search_p95", "ms", "p95 ≤ 50 ms", lambda m, c: m <= 50,
               "every keystroke of 6 searches (marks, no marks, 30/4, a phone, 2 codes); ceiling = raw FTS5 query"),
        ui_row("scroll_to_end", "scroll_end", "ms", "≤ 50 ms", lambda m, c: m <= 50,
               "scrollToBottom + paint; ceiling = bare model, OFFSET through the index"),
        ui_row("rss_after_sort_filter_search", "rss", "MB", "≤ 150 MB", lambda m, c: m <= 150,
               "VmRSS at the end; ceiling = bare model process"),
    ]


def _deadline_rows(profile: Path, runs: int, log: Callable[[str], None]) -> list[Row]:
    """Issue 11's goals, on the bench's clock (tests.perf.gen.NOW), each paired with plain SQL in a bare process."""
    log("deadline queues at full size (fresh process per run)…")
    app_runs, bare_runs = _probe_runs(profile, runs, "-deadlines")
    last = app_runs[-1]

    def row(name: str, key: str, goal: str, met: Callable[[float, float], bool], note: str) -> Row:
        return Row(name, "ms", goal, [r[key] for r in app_runs], [r[key] for r in bare_runs], met, note)

    return [
        row("deadline_queue_counts", "deadline_counts", "≤ 50 ms", lambda m, c: m <= 50,
            f"every badge at once, due soon ({last['due_soon']}) and overdue ({last['overdue']}) on the "
            "(kind, clock, due_at) index; ceiling = the two raw count(*)"),
        row("first_paint_mine_by_time_left", "first_paint_mine", "≤ 1.5 × bare model", lambda m, c: m <= 1.5 * c,
            f"'Việc của tôi' ({last['mine_rows']} rows) by due_at ascending; ceiling = bare windowed model on the "
            "same list, first paint of a cold process"),
        row("filter_with_deadline_state", "deadline_filter", "≤ 100 ms", lambda m, c: m <= 100,
            "worst of 3 status + category + assignee + deadline state; ceiling = bare model, plain WHERE"),
    ]


# The ward's record on the bench's clock (tests.perf.gen.NOW, Monday 30/06/2025): last month's report, as a leader
# makes it at the start of a month, and "Năm nay" (1/1–31/12/2025, judged at NOW).
RECORD_PERIODS = (("record_month", "2025-05-01", "2025-05-31", "≤ 500 ms", 500.0),
                  ("record_year", "2025-01-01", "2025-12-31", "– (figure)", None))


def _record_rows(profile: Path, runs: int, log: Callable[[str], None]) -> list[Row]:
    """Issue 13: the record computed from the cache (tests.perf.record_probe), a fresh process per run, beside the
    bare count of the same index ranges in a bare process."""
    log("the ward's record (fresh process per run)…")
    rows: list[Row] = []
    for name, first, last, goal, limit in RECORD_PERIODS:
        ours, bare = [], []
        for _ in range(runs):
            command = [sys.executable, "-m", "tests.perf.record_probe", str(profile)]
            bare.append(_json_of([*command, "bare", first, last])["ms"])
            ours.append(_json_of([*command, "app", first, last])["ms"])
        rows.append(Row(name, "ms", goal, ours, bare,
                        (lambda m, c, limit=limit: limit is None or m <= limit),
                        note=f"{first}..{last}: on-time counts per officer and category, reports by category and "
                             "status, medians in working days, target shares, the window's tables; ceiling = raw "
                             "count(*) of the same three index ranges of record_facts"))
    return rows


def _startup_rows(profile: Path, work: Path, runs: int, log: Callable[[str], None]) -> list[Row]:
    py = sys.executable
    rows: list[Row] = []
    log("start-up to a usable window (from source)…")
    starts, bare_starts = [], []
    config = work / "config"
    resume = resume_env(profile, work / "pc")  # a keyring with the key and a token: the start resumes
    for _ in range(runs):
        bare_starts.append(_first_line_ms([py, "-c", BARE_WINDOW], "first-paint"))
        starts.append(_first_line_ms([py, "-m", "triage_desktop", "--profile", str(profile)], "first-paint rows=",
                                     **resume, TRIAGE_EXIT_AFTER_FIRST_PAINT="1", XDG_CONFIG_HOME=str(config)))
    rows.append(Row("startup_to_usable_window", "ms", "≤ 1000 ms", starts, bare_starts, lambda m, c: m <= 1000,
                    note="python -m triage_desktop until the list first paints; ceiling = imports + bare window"))
    return rows


def table(results: list[dict[str, Any]]) -> str:
    lines = [f"{'what':34} {'median':>10} {'min–max':>21} {'ceiling':>10} {'ratio':>6}  {'goal':34} met",
             "-" * 128]
    for r in results:
        span = f"{r['min']:.1f}–{r['max']:.1f}"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        lines.append(f"{r['name']:34} {r['median']:>10.1f} {span:>21} {r['ceiling']:>10.1f} {ratio:>6}  "
                     f"{r['goal'] + ' (' + r['unit'] + ')':34} {'yes' if r['met'] else 'NO'}")
    return "\n".join(lines)


def _groups(text: str) -> tuple[str, ...]:
    chosen = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = set(chosen) - set(GROUPS)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"groups: {', '.join(GROUPS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default=os.environ.get("TRIAGE_BENCH_SIZE", "toy"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", default=str(cache.ROOT / "build" / "bench.json"))
    parser.add_argument("--only", type=_groups, default=GROUPS, metavar="GROUP,…",
                        help=f"measure only these groups of rows: {', '.join(GROUPS)}")
    args = parser.parse_args(argv)
    started = time.monotonic()

    def log(text: str) -> None:
        print(f"[{time.monotonic() - started:6.0f} s] {text}", file=sys.stderr, flush=True)

    results = [row.result() for row in measure(args.size, args.runs, log, args.only)]
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nbench ({args.size}, {args.runs} runs each; ratio = median of paired runs ÷ their ceilings)")
    print(table(results))
    for r in results:
        print(f"  {r['name']}: {r['note']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
