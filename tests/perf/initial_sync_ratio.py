"""The initial-sync row alone: `python -m tests.perf.initial_sync_ratio [REPORTS] [RUNS]` prints our records/s,
the ideal pipeline's, and their ratio (the row's goal is ≥ 0.6), without the 1M cache the whole bench needs.
For trying a change to the sync path in a minute instead of a quarter of an hour."""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from tests.perf.sync_bench import feed_server, ideal_pipeline, initial_sync


def main(argv: list[str]) -> None:
    reports = int(argv[0]) if argv else 50_000
    runs = int(argv[1]) if len(argv) > 1 else 2
    with tempfile.TemporaryDirectory(prefix="initial-sync-") as folder, feed_server(reports) as url:
        work = Path(folder)
        ours = [initial_sync(url, work / "ours", reports) for _ in range(runs)]
        ideal = [ideal_pipeline(url, work / "ideal", reports) for _ in range(runs)]
    ratio = statistics.median(ours) / statistics.median(ideal)
    print(f"ours {[round(x) for x in ours]} records/s, ideal {[round(x) for x in ideal]} records/s, "
          f"ratio {ratio:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
