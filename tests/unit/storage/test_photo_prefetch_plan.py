"""The prefetch plan over a real cache: the working queues' newest items first, photos only, stopping at the
budget, counting what is kept already and fetching only what is not."""

from __future__ import annotations

import hashlib
from typing import Any

from tests.unit.storage.factories import report, upsert
from triage_desktop.core.entities import Attachment
from triage_desktop.core.photo_prefetch import plan_prefetch
from triage_desktop.storage.store import Store
from triage_desktop.storage.workspace import LocalWorkspace

ME = "u_17"  # the `store` fixture's officer


def attachment(attachment_id: str, size: int, content_type: str = "image/jpeg") -> dict[str, Any]:
    return {"id": attachment_id, "filename": f"{attachment_id}.jpg", "content_type": content_type, "size": size,
            "sha256": hashlib.sha256(attachment_id.encode()).hexdigest(), "uploaded_at": "2026-03-02T08:15:00Z",
            "origin": "citizen"}


def test_newest_working_items_first_photos_only_up_to_the_budget(store: Store, workspace: LocalWorkspace) -> None:
    store.apply_page([upsert(r) for r in (
        report("r_old", submitted_at="2026-03-01T08:00:00Z", attachments=[attachment("p_old", 300)]),
        report("r_new", submitted_at="2026-03-03T08:00:00Z",
               attachments=[attachment("p_new1", 300), attachment("doc", 900, "application/pdf"),
                            attachment("p_new2", 300, "image/png")]),
        report("r_mine", submitted_at="2026-03-02T08:00:00Z", status="in_progress", assignee_id=ME,
               attachments=[attachment("p_mine", 300)]),
        # Closed and someone else's: in no working queue of this officer.
        report("r_done", submitted_at="2026-03-04T08:00:00Z", status="closed", assignee_id="u_99",
               attachments=[attachment("p_done", 10)]),
        report("r_theirs", submitted_at="2026-03-04T09:00:00Z", status="in_progress", assignee_id="u_99",
               attachments=[attachment("p_theirs", 10)]),
    )], "c1")
    photos = workspace.photo_cache()

    everything = plan_prefetch(workspace, photos, ME, 10_000)
    assert [a.id for a in everything.wanted] == ["p_new1", "p_new2", "p_mine", "p_old"]

    # 1000 bytes: three photos fit, the fourth would not, and the plan ends there.
    fitting = plan_prefetch(workspace, photos, ME, 1000)
    assert [a.id for a in fitting.wanted] == ["p_new1", "p_new2", "p_mine"]
    assert fitting.planned == {"p_new1", "p_new2", "p_mine"}

    # A photo kept already counts toward the budget and is not fetched again.
    kept = Attachment("p_new2", "p_new2.png", "image/png", 300, hashlib.sha256(b"x" * 300).hexdigest(), "citizen")
    assert photos.put(kept, b"x" * 300, 10_000)
    again = plan_prefetch(workspace, photos, ME, 1000)
    assert [a.id for a in again.wanted] == ["p_new1", "p_mine"] and "p_new2" in again.planned
    assert plan_prefetch(workspace, photos, ME, 1000, skip={"p_new1"}).wanted[0].id == "p_mine"
    assert plan_prefetch(workspace, photos, ME, 0).wanted == ()
