"""Drafts in the cache and the undo window's outbox side (issue 12): a draft per officer, item and composer; an
action held by `not_before` can be taken back, its words becoming a draft again; sending clears the draft."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from tests.unit.storage.factories import report, upsert
from triage_desktop.core.drafts import is_held
from triage_desktop.core.entities import ActionState
from triage_desktop.core.errors import InvalidAction
from triage_desktop.storage.schema import OUTBOX
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

REPLY = "Kính gửi ông Tâm, tổ công tác đã thay bóng đèn."


@pytest.fixture
def cached(store: Store) -> Store:
    store.apply_page([upsert(report(f"r_{i}", 5, status="in_progress")) for i in range(3)], "c1")
    return store


def end_hold(store: Store, local_id: int) -> None:
    """The undo window has passed (as if its seconds had gone by)."""
    with store.db.write() as conn:
        conn.execute(update(OUTBOX).where(OUTBOX.c.local_id == local_id).values(not_before="2020-01-01T00:00:00.000Z"))


def test_a_draft_is_kept_per_item_and_composer_and_replaced(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    assert workspace.draft("report", "r_1", "reply") is None
    first = workspace.save_draft("report", "r_1", "reply", {"body": "Kính gửi"})
    assert first is not None
    workspace.save_draft("report", "r_1", "reply", {"body": REPLY})
    workspace.save_draft("report", "r_1", "note", {"body": "Gọi lại lúc 15h"})
    workspace.save_draft("report", "r_2", "reply", {"body": "Khác"})
    draft = workspace.draft("report", "r_1", "reply")
    assert draft is not None and draft.fields == {"body": REPLY} and draft.updated_at >= first.updated_at
    assert workspace.drafts_of("report", "r_1") == ["note", "reply"]
    assert workspace.clear_draft("report", "r_1", "note")
    assert workspace.drafts_of("report", "r_1") == ["reply"]


def test_another_officer_does_not_see_my_drafts(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    workspace.save_draft("report", "r_1", "reply", {"body": REPLY})
    cached.set_state("user", json.dumps({"id": "u_99", "username": "khac", "full_name": "Người khác",
                                         "unit_id": "w_0101", "roles": ["officer"]}))
    assert workspace.draft("report", "r_1", "reply") is None


def test_queueing_clears_the_draft_in_the_same_write(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    workspace.save_draft("report", "r_1", "reply", {"body": REPLY})
    workspace.save_draft("report", "r_1", "note", {"body": "Gọi lại"})
    workspace.queue_action("report", "r_1", "reply", {"body": REPLY})
    assert workspace.draft("report", "r_1", "reply") is None
    assert workspace.draft("report", "r_1", "note") is not None  # another composer's draft stays


def test_a_held_action_is_undone_inside_its_window_and_its_words_become_a_draft(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    action = workspace.queue_action("report", "r_1", "reply", {"body": REPLY}, hold_seconds=60)
    assert is_held(action.not_before, datetime.now(UTC))
    assert cached.sendable()[0].not_before == action.not_before  # the engine reads it
    undone = workspace.undo_action(action.local_id)
    assert undone.local_id == action.local_id
    assert workspace.outbox() == []
    draft = workspace.draft("report", "r_1", "reply")
    assert draft is not None and draft.fields["body"] == REPLY
    assert [e.action for e in cached.audit_entries()][-2:] == ["queued", "undone"]
    assert REPLY not in cached.audit_entries()[-1].detail  # the trail names the action, never its words


def test_no_undo_once_the_window_has_passed_or_without_one(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    held = workspace.queue_action("report", "r_1", "assign", {"assignee_id": "u_17"}, hold_seconds=60)
    end_hold(cached, held.local_id)
    with pytest.raises(InvalidAction):
        workspace.undo_action(held.local_id)
    at_once = workspace.queue_action("report", "r_2", "note", {"body": "Ghi chú"})  # the command line's way
    assert at_once.not_before is None
    with pytest.raises(InvalidAction):
        workspace.undo_action(at_once.local_id)
    assert {a.local_id for a in workspace.outbox()} == {held.local_id, at_once.local_id}


def test_an_action_on_the_wire_cannot_be_undone(cached: Store) -> None:
    workspace = LocalWorkspace(cached)
    action = workspace.queue_action("report", "r_1", "reply", {"body": REPLY}, hold_seconds=60)
    cached.mark_sending(action.local_id)
    with pytest.raises(InvalidAction):
        workspace.undo_action(action.local_id)
    assert workspace.outbox()[0].state is ActionState.SENDING
