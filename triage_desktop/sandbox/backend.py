"""The sandbox's application logic behind the wire: seeding, visibility, actions with idempotent replay,
uploads and attachments. The HTTP layer (`api`) and the test hooks (`SandboxServer`) both go through here.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from triage_desktop.sandbox import seed as seeding
from triage_desktop.sandbox.auth import Auth
from triage_desktop.sandbox.feed import Feed, Signal
from triage_desktop.sandbox.rules import Actor, Outcome, Problem, decide
from triage_desktop.sandbox.store import Row, Store, dumps
from triage_desktop.sandbox.workdays import VN

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_TYPES = frozenset({
    "image/jpeg", "image/png", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
})
JSON = "application/json; charset=utf-8"
PROBLEM = "application/problem+json; charset=utf-8"
# The project's own version (the sandbox may not import it): raise it to test the "client too old" path.
MIN_CLIENT_VERSION = "0.1.0"
# Final answers are replayed for a reused Idempotency-Key; these are not final (§6).
_NOT_FINAL = {401, 408, 429}


def canonical(raw: bytes) -> bytes:
    """The same JSON body written differently (key order, spaces) is the same request."""
    try:
        return dumps(_sorted(json.loads(raw.decode("utf-8")))).encode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return raw


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(x) for x in value]
    return value


class Answer:
    """A status, a content type and bytes: what the api turns into a response."""

    def __init__(self, status: int, body: bytes, content_type: str = JSON, replayed: bool = False) -> None:
        self.status, self.body, self.content_type, self.replayed = status, body, content_type, replayed

    @classmethod
    def problem(cls, problem: Problem) -> Answer:
        return cls(problem.status, dumps(problem.body()).encode("utf-8"), PROBLEM)


class Backend:
    def __init__(self, db: Path | str | None, seed: int, reports: int, dossiers: int, access_ttl: int) -> None:
        self.store = Store(db)
        self.auth = Auth(self.store, access_ttl)
        self.signal = Signal()
        self.min_client_version = MIN_CLIENT_VERSION
        self.max_upload_bytes = MAX_UPLOAD_BYTES  # what /meta says and POST /uploads enforces; tests lower it
        if self.store.meta("seeded") is None:
            self._seed(seed, reports, dossiers)
        self.seed = int(self.store.meta("seed", str(seed)) or seed)
        self.feed = Feed(self.store, bytes.fromhex(self.store.meta("secret") or ""), self.signal)

    def now(self) -> datetime:
        return datetime.now(VN).replace(microsecond=0)

    def close(self) -> None:
        self.store.close()

    # -- seeding ---------------------------------------------------------------------------------------
    def _seed(self, seed: int, reports: int, dossiers: int) -> None:
        data = seeding.seed_data(seed, reports, dossiers, seeding.start_of_day(self.now()))
        with self.store.transaction() as conn:
            for user_id, username, full_name, unit_id, roles in seeding.USERS:
                self.auth.add_user(conn, user_id, username, full_name, unit_id, roles, seeding.PASSWORD)
            for kind, aggregate, live in data.aggregates:
                self.store.save(conn, aggregate, live, None, feed=False)  # the snapshot covers seeded items
                for meta in aggregate["attachments"]:
                    self.store.put_attachment(conn, meta, aggregate["unit_id"], kind, aggregate["id"])
            for sha, blob in data.blobs.items():
                self.store.put_blob(conn, sha, blob.data)
            for key, value in (("seed", seed), ("report_seq", data.report_seq), ("dossier_seq", data.dossier_seq),
                               ("cursor_epoch", 0), ("secret", secrets.token_hex(32)), ("seeded", 1)):
                self.store.set_meta(conn, key, str(value))

    # -- what rules.Context needs ----------------------------------------------------------------------
    def is_member(self, unit_id: str, user_id: str) -> bool:
        return any(m["id"] == user_id for m in self.auth.members(unit_id))

    def unit_exists(self, unit_id: str) -> bool:
        return any(u["id"] == unit_id for u in seeding.UNITS)

    def visible_report(self, unit_id: str, report_id: str) -> dict[str, Any] | None:
        row = self.visible(unit_id, "report", report_id)
        return row.data if row is not None else None

    def usable_attachment(self, unit_id: str, attachment_id: str) -> dict[str, Any] | None:
        found = self.store.attachment(attachment_id)
        if found is None:
            return None
        meta, uploader_unit, kind, aggregate_id = found
        if kind is None or aggregate_id is None:
            return meta if uploader_unit == unit_id else None
        return meta if self.visible(unit_id, kind, aggregate_id) is not None else None

    # -- reading -----------------------------------------------------------------------------------------
    def visible(self, unit_id: str, kind: str, item_id: str) -> Row | None:
        row = self.store.get(kind, item_id)
        return row if row is not None and row.live and row.unit_id == unit_id else None

    def attachment_bytes(self, unit_id: str, attachment_id: str) -> tuple[dict[str, Any], bytes] | None:
        meta = self.usable_attachment(unit_id, attachment_id)
        data = self.store.blob(meta["sha256"]) if meta is not None else None
        return (meta, data) if meta is not None and data is not None else None

    # -- actions ---------------------------------------------------------------------------------------
    def _persist(self, outcome: Outcome, old: Row) -> None:
        with self.store.transaction() as conn:
            self.store.save(conn, outcome.aggregate, outcome.live, old)
            for other in outcome.also:
                self.store.save(conn, other, True, self.store.get(other["kind"], other["id"]))
            for attachment_id in outcome.linked:
                self.store.link_attachment(conn, attachment_id, outcome.aggregate["kind"], outcome.aggregate["id"])

    def _replay(self, user: dict[str, Any], key: str, request_hash: str) -> Answer | None:
        """The first final answer for a reused key (§6), 422 when the key came with another request, or None
        for a new key. Call under `store.lock`, so the lookup and the recording of a new answer are one step."""
        prior = self.store.stored_answer(user["id"], key)
        if prior is None:
            return None
        if prior.request_hash != request_hash:
            return Answer.problem(Problem(422, "idempotency-key-reused",
                                          "Idempotency-Key này đã dùng cho một yêu cầu khác"))
        return Answer(prior.status, prior.body, prior.content_type, replayed=True)

    def act(self, user: dict[str, Any], kind: str, item_id: str, raw: bytes, if_match: str | None,
            key: str | None, path: str) -> Answer:
        """POST /{kind}s/{id}/actions with the contract's precedence and idempotent replay."""
        request_hash = hashlib.sha256(b"POST " + path.encode("utf-8") + b"\n" + canonical(raw)).hexdigest()
        with self.store.lock:  # one writer: a key is looked up, applied and recorded as one step
            replayed = self._replay(user, key, request_hash) if key else None
            if replayed is not None:
                return replayed
            try:
                body = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                body = None
            type_ = body.get("type") if isinstance(body, dict) else None
            applied = False
            try:
                row = self.visible(user["unit_id"], kind, item_id)
                if row is None:
                    raise Problem(404, "not-found", f"không có {kind} {item_id} trong đơn vị của bạn")
                missing = [] if key else [{"field": "Idempotency-Key", "message": "bắt buộc"}]
                actor = Actor(user["id"], user["unit_id"], tuple(user["roles"]))
                with self.store.transaction():  # nested in the lock: the rules read, _persist writes
                    outcome = decide(actor, kind, row.data, body, if_match, self, self.now(), missing)
                    self._persist(outcome, row)
                    answer = Answer(200, dumps({"aggregate": outcome.aggregate, "event": outcome.event})
                                    .encode("utf-8"))
                    applied = True
                    if key:
                        self._record(user, key, request_hash, answer, kind, item_id, type_, True)
            except Problem as problem:
                answer = Answer.problem(problem)
                if key and problem.status not in _NOT_FINAL:
                    with self.store.transaction():
                        self._record(user, key, request_hash, answer, kind, item_id, type_, False)
        if applied:
            self.signal.notify()
        return answer

    def _record(self, user: dict[str, Any], key: str, request_hash: str, answer: Answer, kind: str | None,
                item_id: str | None, type_: Any, applied: bool) -> None:
        self.store.store_answer(self.store.conn, user["id"], key, request_hash, answer.status, answer.content_type,
                                answer.body, seeding.iso(self.now()), kind, item_id,
                                type_ if isinstance(type_, str) else None, applied)

    def server_act(self, kind: str, item_id: str, type_: str, fields: dict[str, Any]) -> dict[str, Any]:
        """A colleague (the unit's leader) or the citizen/system changes an item; raises Problem."""
        with self.store.lock:
            row = self.store.get(kind, item_id)
            if row is None or not row.live:
                raise Problem(404, "not-found", f"không có {kind} {item_id}")
            leader = next((m for m in self.auth.members(row.unit_id) if "leader" in m["roles"]), None)
            actor = Actor(leader["id"] if leader else None, row.unit_id, ("leader",))
            if type_ in ("withdraw", "supplement_received", "fee_paid", "rate", "erase"):
                actor = Actor(None, row.unit_id, ())  # the citizen or the system
            body = {"type": type_, **fields}
            outcome = decide(actor, kind, row.data, body, None, self, self.now(), require_if_match=False, server=True)
            self._persist(outcome, row)
        self.signal.notify()
        return outcome.aggregate

    def add_report(self, overrides: dict[str, Any]) -> dict[str, Any]:
        with self.store.lock:
            unit_id = str(overrides.get("unit_id", seeding.HOME_UNIT))
            members = [m["id"] for m in self.auth.members(unit_id)] or ["u_01"]
            blobs: dict[str, seeding.Blob] = {}
            with self.store.transaction() as conn:
                number = self.store.next_counter(conn, "report_seq")
                data = seeding.arrival(self.seed, number, self.now(), unit_id, members, blobs)
                data.update(overrides)
                if self.store.get("report", data["id"]) is not None:
                    raise ValueError(f"report {data['id']} already exists")
                self.store.save(conn, data, not data.get("merged_into_id"), None)
                for sha, blob in blobs.items():
                    self.store.put_blob(conn, sha, blob.data)
                for meta in data.get("attachments") or []:
                    self.store.put_attachment(conn, meta, data["unit_id"], "report", data["id"])
        self.signal.notify()
        return data

    def expire_cursors(self) -> None:
        with self.store.transaction() as conn:
            self.store.next_counter(conn, "cursor_epoch")

    # -- uploads ---------------------------------------------------------------------------------------
    def upload(self, user: dict[str, Any], key: str | None, content_type: str | None, filename: str | None,
               raw: bytes) -> Answer:
        digest = hashlib.sha256(raw).hexdigest()
        request_hash = hashlib.sha256(f"POST /uploads\n{content_type}\n{filename}\n{digest}".encode()).hexdigest()
        if not key:
            return Answer.problem(Problem(422, "validation", "Idempotency-Key: bắt buộc",
                                          errors=[{"field": "Idempotency-Key", "message": "bắt buộc"}]))
        with self.store.lock:
            replayed = self._replay(user, key, request_hash)
            if replayed is not None:
                return replayed
            media = (content_type or "").split(";", 1)[0].strip().lower()
            try:
                name = unquote(filename or "", errors="strict")
            except UnicodeDecodeError:
                name = ""
            try:
                if media not in UPLOAD_TYPES:
                    raise Problem(415, "unsupported-media-type", f"không nhận loại tệp {media or '(trống)'}")
                if len(raw) > self.max_upload_bytes:
                    raise Problem(413, "payload-too-large", f"tối đa {self.max_upload_bytes} byte")
                if not name.strip() or len(name) > 255:
                    raise Problem(422, "validation", "X-Filename: bắt buộc, tối đa 255 ký tự",
                                  errors=[{"field": "X-Filename", "message": "bắt buộc, tối đa 255 ký tự"}])
                meta = {"id": "a_" + secrets.token_hex(8).upper(), "filename": name, "content_type": media,
                        "size": len(raw), "sha256": digest, "uploaded_at": seeding.iso(self.now()),
                        "origin": "officer"}
                answer = Answer(201, dumps(meta).encode("utf-8"))
                with self.store.transaction() as conn:
                    self.store.put_blob(conn, digest, raw)
                    self.store.put_attachment(conn, meta, user["unit_id"])
                    self._record(user, key, request_hash, answer, None, None, None, True)
            except Problem as problem:
                answer = Answer.problem(problem)
                with self.store.transaction():
                    self._record(user, key, request_hash, answer, None, None, None, False)
        return answer
