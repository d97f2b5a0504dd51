"""The record's tables written out (ui.record_tables.write, `triage-desktop record`): to a terminal without the
escape codes a server-supplied name may hold, to a file whole or not at all."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support import record_seed as seed
from tests.support.keys import TEST_KEY
from triage_desktop.core.record import Counts, WardRecord
from triage_desktop.core.tables import Column, Table
from triage_desktop.storage.database import Database
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace
from triage_desktop.ui import record_tables
from triage_desktop.ui.record_tables import Names, RecordTable

HOSTILE = "\x1b]0;pwned\x07Trần\u202eVăn\x1b[2J Bình"  # retitles the window, reorders and clears the screen


@pytest.fixture
def tables(tmp_path: Path) -> Iterator[list[RecordTable]]:
    db = Database(tmp_path / "cache.sqlite3", key=TEST_KEY)
    seed.seed(Store(db))
    record = LocalWorkspace(Store(db)).ward_record("dossier", seed.PERIOD, seed.NOW)
    db.dispose()
    yield record_tables.record_tables(record, Names({"u_17": HOSTILE}, {}))


def test_csv_to_the_terminal_drops_escape_and_bidi_controls(tables: list[RecordTable]) -> None:
    out = io.StringIO()
    record_tables.write("csv", tables, None, out)
    text = out.getvalue()
    assert not any(c in text for c in "\x1b\x07\u202e")
    assert "TrầnVăn Bình" in text  # the name itself is kept


def test_csv_to_a_file_keeps_the_name_as_sent(tables: list[RecordTable], tmp_path: Path) -> None:
    target = tmp_path / "thong-ke.csv"
    record_tables.write("csv", tables, target)
    assert HOSTILE in target.read_text("utf-8-sig")  # a file is data, not a terminal: as the server sent it


class _Unwritable:
    def __str__(self) -> str:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_failed_write_keeps_the_earlier_file(tables: list[RecordTable], tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"thong-ke.{fmt}"
    target.write_bytes(b"earlier")
    broken = RecordTable("broken", Table("Hỏng", [Column("Tên")], [[_Unwritable()]]), [[None]])  # type: ignore[list-item]
    with pytest.raises(OSError):
        record_tables.write(fmt, [*tables, broken], target)
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary left behind


def test_the_note_names_the_last_day_of_a_finished_period() -> None:
    """A period judged at its end says "to the end of 31/03", not "to 01/04 00:00"; a running one gives the hour."""
    finished = WardRecord("dossier", seed.PERIOD, seed.PERIOD.end, seed.NOW, Counts(), {}, {})
    assert record_tables.period_note(finished) == "Từ 01/03/2026 đến 31/03/2026; tính đến hết ngày 31/03/2026."
    now = datetime(2026, 3, 12, 3, 0, tzinfo=UTC)
    running = WardRecord("dossier", seed.PERIOD, seed.PERIOD.cutoff(now), now, Counts(), {}, {})
    assert record_tables.period_note(running) == "Từ 01/03/2026 đến 31/03/2026; tính đến 12/03/2026 10:00."
