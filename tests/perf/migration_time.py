"""How long opening a cache of an older schema takes: `python -m tests.perf.migration_time CACHE_FILE`.

Run it on a copy (the file is upgraded in place, and its backup is written beside it): for instance the 1M bench
cache of the previous schema, `cp build/bench/cache-1000000-g2-s0005-sqlcipher/cache.sqlite3 /tmp/x/`. Prints the
whole open (integrity check, backup, upgrade) and the backup and upgrade on their own, in seconds, as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from tests.perf.cache import KEY
from triage_desktop.storage import migrate
from triage_desktop.storage.database import Database


def main() -> None:
    path = Path(sys.argv[1])
    spent: dict[str, float] = {}
    backup, upgrade = migrate.backup, migrate.upgrade

    def timed_backup(*args: Any) -> Path:
        started = time.monotonic()
        try:
            return backup(*args)
        finally:
            spent["backup_s"] = round(time.monotonic() - started, 1)

    def timed_upgrade(connection: Any) -> None:
        started = time.monotonic()
        try:
            upgrade(connection)
        finally:
            spent["upgrade_s"] = round(time.monotonic() - started, 1)

    migrate.backup, migrate.upgrade = timed_backup, timed_upgrade
    started = time.monotonic()
    Database(path, key=KEY).dispose()
    print(json.dumps({"open_s": round(time.monotonic() - started, 1), **spent, "head": migrate.HEAD}))


if __name__ == "__main__":
    main()
