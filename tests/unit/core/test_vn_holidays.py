"""The holiday table the window reads (core.vn_holidays) is what the installed `holidays` package says."""

from __future__ import annotations

import runpy
import sys
from datetime import date
from pathlib import Path

from triage_desktop.core import vn_holidays, workdays
from triage_desktop.core.workdays import WorkCalendar

GENERATOR = Path(__file__).resolve().parents[3] / "packaging" / "vn_holidays.py"


def test_the_table_is_what_the_installed_package_computes() -> None:
    """A new `holidays` release with a newly announced swapped day fails here: regenerate the table then."""
    generated = runpy.run_path(str(GENERATOR))
    assert generated["source"]() == GENERATOR.parents[1].joinpath("triage_desktop/core/vn_holidays.py").read_text(
        encoding="utf-8"), "run `python packaging/vn_holidays.py` and commit triage_desktop/core/vn_holidays.py"


def test_a_year_in_the_table_is_counted_without_importing_the_package() -> None:
    workdays._fallback_year.cache_clear()
    sys.modules.pop("holidays.countries.vietnam", None)
    calendar = WorkCalendar()  # nothing published: every year rests on the fallback
    assert not calendar.is_working_day(date(2030, 9, 2))  # Quốc khánh
    assert 2030 in vn_holidays.TABLE and "holidays.countries.vietnam" not in sys.modules
