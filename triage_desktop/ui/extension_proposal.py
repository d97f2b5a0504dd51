"""When the detail pane proposes an extension: an unresolved dossier with less than one working day left.

The one-stop rules ask the office to apologise and set a new date *before* the deadline is missed (the
"văn bản xin lỗi và hẹn lại ngày trả kết quả"), so the pane says so while there is still time, and goes on
saying it once the dossier is late. Offered only where the officer may `extend` it now (its status and her role,
ui/action_rules) and while no extension of hers is already waiting to be sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from triage_desktop.core.entities import ActionState, Item, User
from triage_desktop.core.timestamps import parse_timestamp
from triage_desktop.core.workdays import WorkCalendar, working_time_left
from triage_desktop.ui import action_rules as rules
from triage_desktop.ui.dialogs.dossier_action_dialogs import default_new_due

PROPOSE_BELOW_WORKING_DAYS: Final = 1.0
_GONE = (ActionState.CONFLICT, ActionState.FAILED)  # a refused extension does not count as one on its way


def proposed_extension(item: Item | None, user: User | None, calendar: WorkCalendar, now: datetime) -> datetime | None:
    """The new date to propose for this dossier now, or None when no extension is to be proposed."""
    if item is None or item.kind != "dossier" or rules.EXTEND not in rules.enabled_buttons(item, user):
        return None
    if any(action.type == "extend" and action.state not in _GONE for action in item.pending):
        return None
    due = parse_timestamp(item.due_at)
    if due is None or working_time_left(now, due, calendar) >= PROPOSE_BELOW_WORKING_DAYS:
        return None
    return default_new_due(calendar, due, now)
