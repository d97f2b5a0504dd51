"""Where a search keystroke's time goes on the bench's 1M cache: count + first page of the list for every
keystroke of the bench's searches, through the real Workspace, with a profile of the slowest functions.

    .venv/bin/python -m tests.perf.search_path        (after `make bench` has built the cache)

Prints median, p95 and max in ms, then the profile. A diagnostic, not a goal: `make bench` judges the window.
"""

from __future__ import annotations

import cProfile
import dataclasses
import pstats
import time

from tests.perf import cache
from tests.perf.ui_probe import SEARCHES, keystrokes
from triage_desktop.core.entities import ItemQuery
from triage_desktop.storage.database import CACHE_FILE_NAME, Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

SIZE = 1_000_000
PAGE = 256  # the list model's page


def main() -> None:
    database = Database(cache.profile_for(SIZE) / CACHE_FILE_NAME, key=cache.KEY)
    workspace = LocalWorkspace(Store(database))
    query = ItemQuery(kind="report", queue="all", user_id="u_1")
    times: list[float] = []
    profile = cProfile.Profile()
    try:
        for text in SEARCHES:
            for typed in keystrokes(text):
                typed_query = dataclasses.replace(query, text=typed)
                started = time.perf_counter()
                profile.enable()
                workspace.count(typed_query)
                workspace.page(typed_query, 0, PAGE)
                profile.disable()
                times.append((time.perf_counter() - started) * 1000)
    finally:
        database.dispose()
    times.sort()
    print(f"{len(times)} keystrokes: median {times[len(times) // 2]:.1f} ms, "
          f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
