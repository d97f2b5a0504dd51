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


def test_a_reply_may_list_the_files_it_carried() -> None:
    """A server may add a reply's files to the report's attachments (origin "officer"): our own effect, so the
    status change queued after the reply does not get a false 412; a note adding files is someone else's."""
    event = {"id": "e_2", "type": "reply", "data": {"attachment_ids": ["a_9"]}}
    photo = {"id": "a_9", "filename": "đèn đã thay.jpg", "content_type": "image/jpeg", "size": 10, "sha256": "ab",
             "uploaded_at": "2026-12-04T08:00:00Z", "origin": "officer"}
    before = {**BEFORE, "attachments": []}
    data = {**after(events=[*BEFORE["events"], event]), "attachments": [photo]}
    assert only_own_effect(before, data, "reply", event)
    assert not only_own_effect(before, data, "note", event)
