"""`make bench` at toy size, so the benchmarks keep working between full runs (TRIAGE_BENCH_SIZE=full for the real one).

Timings are never asserted here: only that every goal row is measured, paired with a ceiling and written out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.perf import bench

ROWS = {"initial_sync", "gui_stall_during_sync", "incremental_sync_5_new", "first_paint", "sort_any_column",
        "filter_status_category_assignee", "search_as_you_type_p95", "scroll_to_end",
        "rss_after_sort_filter_search", "startup_to_usable_window", "deadline_queue_counts",
        "first_paint_mine_by_time_left", "filter_with_deadline_state", "record_month", "record_year"}


@pytest.mark.timeout(300)
def test_every_goal_is_measured_beside_its_ceiling(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    size = os.environ.get("TRIAGE_BENCH_SIZE", "toy")
    out = tmp_path / "bench.json"
    assert bench.main(["--size", size, "--runs", "1" if size == "toy" else "3", "--json", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {row["name"] for row in rows} == ROWS
    for row in rows:
        assert set(row) >= {"name", "unit", "median", "min", "max", "ceiling", "goal", "met"}
        assert row["min"] <= row["median"] <= row["max"]
        assert row["ceiling"] >= 0 and isinstance(row["met"], bool)
    printed = capsys.readouterr().out
    assert all(name in printed for name in ROWS)
