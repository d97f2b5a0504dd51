"""§7: a note then a status change queued offline must not conflict with our own note, only with others."""

from __future__ import annotations

from triage_desktop.core.rebase import only_own_effect

BEFORE = {"id": "r_1", "version": 3, "status": "acknowledged", "assignee_id": None, "updated_at": "t1",
          "events": [{"id": "e_1", "type": "submitted"}], "x_extra": {"a": 1}}
NOTE_EVENT = {"id": "e_2", "type": "note"}


def after(**changes: object) -> dict:
    data = {**BEFORE, "version": 4, "updated_at": "t2", "events": [*BEFORE["events"], NOTE_EVENT]}
    data.update(changes)
    return data


def test_own_note_only_is_rebased() -> None:
    assert only_own_effect(BEFORE, after(), "note", NOTE_EVENT)


def test_someone_elses_field_change_is_not() -> None:
    assert not only_own_effect(BEFORE, after(assignee_id="u_03"), "note", NOTE_EVENT)
    assert not only_own_effect(BEFORE, after(x_extra={"a": 2}), "note", NOTE_EVENT)


def test_someone_elses_extra_event_is_not() -> None:
    other = {"id": "e_9", "type": "note"}
    assert not only_own_effect(BEFORE, after(events=[*BEFORE["events"], other, NOTE_EVENT]), "note", NOTE_EVENT)


def test_fields_the_action_sets_are_allowed() -> None:
    event = {"id": "e_2", "type": "assigned"}
    data = after(assignee_id="u_02", events=[*BEFORE["events"], event])
    assert only_own_effect(BEFORE, data, "assign", event)
    assert not only_own_effect(BEFORE, data, "note", event)


def test_transfer_never_rebases() -> None:
    assert not only_own_effect(BEFORE, after(), "transfer", NOTE_EVENT)
