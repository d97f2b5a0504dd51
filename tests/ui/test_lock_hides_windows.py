"""The lock hides every window the main window owns, not only dialogs, and brings each back as it was."""

from __future__ import annotations

from datetime import UTC, datetime

from triage_desktop.core.record import Period, RecordCell
from triage_desktop.ui.main_window import MainWindow

NOW = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)


def test_thong_ke_and_the_papers_leave_the_screen_at_the_lock_and_come_back_unmodal(qtbot, window: MainWindow
                                                                                    ) -> None:
    window.show()
    record = window.show_record()
    window.queues.select("dossier", "all")
    qtbot.waitUntil(lambda: window.select_item("dossier", "d_0000"), timeout=5_000)
    window.open_papers()
    [papers] = window.papers._open.values()
    assert record.isVisible() and papers.isVisible() and not papers.isModal()

    window.lock()
    assert not record.isVisible() and not papers.isVisible()
    # A number clicked in a window that outlived the lock lists nothing behind the lock page.
    window.open_record_cell(RecordCell.of("dossier", Period.month_of(NOW.date()), NOW))
    assert window.model.query() is None

    window.unlocked()
    assert record.isVisible() and papers.isVisible()
    assert not papers.isModal()  # the officer can still use the main window beside it
