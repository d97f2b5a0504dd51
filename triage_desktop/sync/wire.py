"""Wire models: msgspec Structs that check server JSON against central-api.md before anything is stored.

Validation only says yes or no: callers keep and store the RAW decoded dict, so fields this client does
not know survive (forward compatibility, §intro). Structs ignore unknown fields by default. A body that is
not JSON, is cut short, nests too deeply, or fails a check raises BadServerResponse: a failed request, never
data, and never another exception (issue 7: one bad answer must not stop the unit's work).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal, overload

import msgspec
from packaging.version import Version as PackageVersion

from triage_desktop.core.errors import BadServerResponse

# Opaque ids: 1–64 URL-unreserved characters. \A…\Z, because `$` would accept a trailing newline.
Id = Annotated[str, msgspec.Meta(pattern=r"\A[A-Za-z0-9._~-]{1,64}\Z")]
Version = Annotated[int, msgspec.Meta(ge=0, le=2**53 - 1)]
# RFC 3339 always carries an offset; a naive timestamp is not the contract.
Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]
NonNegative = Annotated[int, msgspec.Meta(ge=0)]
Sha256 = Annotated[str, msgspec.Meta(pattern=r"\A[0-9a-fA-F]{64}\Z")]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]

KindName = Literal["report", "dossier"]
KINDS = ("report", "dossier")


class Event(msgspec.Struct):
    id: Id
    at: Timestamp
    type: str  # unknown types are shown as plain timeline lines, so any string passes
    author_id: Id | None = None
    visibility: str = "internal"
    body: str | None = None
    data: dict[str, Any] | None = None


class Attachment(msgspec.Struct):
    id: Id
    filename: str  # untrusted display text, never a path
    content_type: str
    size: NonNegative
    sha256: Sha256
    uploaded_at: Timestamp | None = None
    origin: str = "citizen"


class Location(msgspec.Struct):
    lat: float | None = None
    lon: float | None = None
    address: str | None = None


class Citizen(msgspec.Struct):
    name: str | None = None
    phone: str | None = None
    contact_allowed: bool | None = None


class Applicant(msgspec.Struct):
    name: str | None = None
    id_number: str | None = None
    phone: str | None = None
    address: str | None = None


class Report(msgspec.Struct, tag_field="kind", tag="report"):
    """A citizen field report (§4). Required: what the list, the rules and the rebase step rely on."""

    id: Id
    version: Version
    code: str
    status: str
    channel: str
    category_code: str
    title: str
    priority: str
    unit_id: str
    submitted_at: Timestamp
    updated_at: Timestamp
    attachments: list[Attachment]
    events: list[Event]
    description: str | None = None
    location: Location | None = None
    citizen: Citizen | None = None
    assignee_id: Id | None = None
    due_at: Timestamp | None = None
    closed_at: Timestamp | None = None
    citizen_rating: Annotated[int, msgspec.Meta(ge=1, le=5)] | None = None
    merged_into_id: Id | None = None


class Dossier(msgspec.Struct, tag_field="kind", tag="dossier"):
    """An administrative dossier (§4)."""

    id: Id
    version: Version
    code: str
    status: str
    channel: str
    procedure_code: str
    unit_id: str
    submitted_at: Timestamp
    attachments: list[Attachment]
    events: list[Event]
    updated_at: Timestamp | None = None  # §4's Dossier does not list it (the Report does): never rely on it
    summary: str | None = None
    applicant: Applicant | None = None
    step: str | None = None
    assignee_id: Id | None = None
    received_at: Timestamp | None = None
    due_at: Timestamp | None = None
    returned_at: Timestamp | None = None
    paused_working_days: NonNegative | None = None
    fee_vnd: NonNegative | None = None
    dvc_code: Annotated[int, msgspec.Meta(ge=1, le=10)] | None = None


Aggregate = Report | Dossier


class Change(msgspec.Struct):
    kind: KindName
    op: Literal["upsert", "delete"]
    id: Id
    version: Version
    data: Aggregate | None = None


class ChangesPage(msgspec.Struct):
    changes: list[Change]
    next: NonEmpty
    more: bool


class User(msgspec.Struct):
    id: Id
    username: str
    full_name: str
    unit_id: str
    roles: list[str]


class LoginAnswer(msgspec.Struct):
    access_token: NonEmpty
    refresh_token: NonEmpty
    user: User
    expires_in: NonNegative | None = None


class ActionAnswer(msgspec.Struct):
    aggregate: Aggregate
    event: Event


class Problem(msgspec.Struct):
    type: str = "about:blank"
    title: str | None = None
    status: int | None = None
    detail: str | None = None


class Province(msgspec.Struct):
    code: str
    name: str


class Limits(msgspec.Struct):
    max_page: Annotated[int, msgspec.Meta(ge=1)] | None = None
    max_upload_bytes: NonNegative | None = None
    idempotency_retention_days: NonNegative | None = None


class Meta(msgspec.Struct):
    api_version: str
    min_client_version: str
    server_time: Timestamp | None = None
    province: Province | None = None
    limits: Limits | None = None


class Unit(msgspec.Struct):
    id: Id
    name: str
    parent_id: Id | None = None
    kind: str | None = None


class Category(msgspec.Struct):
    code: str
    name: str
    sla_working_days: NonNegative | None = None
    active: bool = True


class Procedure(msgspec.Struct):
    code: str
    name: str
    processing_working_days: NonNegative | None = None
    fee_vnd: NonNegative | None = None
    active: bool = True


class Template(msgspec.Struct):
    id: Id
    kind: str
    title: str
    body: str


class Calendar(msgspec.Struct):
    year: int
    days_off: list[date]
    extra_working_days: list[date] = []
    office_hours: list[tuple[str, str]] = []


# The reference calls of §3 and the shape each answers with.
REFERENCE_TYPES: dict[str, Any] = {
    "me": User,
    "members": list[User],
    "units": list[Unit],
    "categories": list[Category],
    "procedures": list[Procedure],
    "templates": list[Template],
}

# Deeper than any contract answer (a page's event `data` sits at depth 7), far below the C recursion limit that
# msgspec, json.loads/dumps and == share (CPython 3.13: 10,000 levels on Linux, 3,000 on Windows, 1,000 on Windows
# ARM; 3.12: 1,500): msgspec decodes 9,999 levels, which json.loads and json.dumps then refuse (RecursionError), so
# the window could not re-read such an item from the cache.
MAX_DEPTH = 64
MAX_VERSION_LENGTH = 64  # PEP 440 allows any number of digits; no release needs that many

# Only quotes and brackets matter for nesting; "{}" is counted as "[]".
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_CURLY_AS_SQUARE = bytes.maketrans(b"{}", b"[]")
# msgspec 0.19 and 0.20 raise UnicodeDecodeError for invalid UTF-8; later versions a DecodeError.
_NOT_JSON = (msgspec.DecodeError, UnicodeDecodeError)
_QUOTE_OR_BACKSLASH_ESCAPE = re.compile(rb'\\["\\]')  # left to right, so `\\\\"` is a backslash, then a quote
# An escaped backslash (consumed whole, so the `u` after `\\` is never read as an escape), or a surrogate
# escape with the low half that may follow it. Other escapes cannot shift the alignment, so they are not matched.
_SURROGATE_ESCAPE = re.compile(
    rb"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?|\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def decode_json(body: bytes) -> Any:
    """Bytes → plain Python values; anything that is not one complete JSON document is a bad answer.

    Never raises anything but BadServerResponse. A lone surrogate escape (a cut-off emoji) or invalid UTF-8 is
    read as U+FFFD with the rest of the text as sent: one garbled title must not fail a whole page. That repair
    runs only after msgspec refused the body; a good answer pays only for the depth bound (~1 ms per MB).
    """
    if not _within_depth(body, MAX_DEPTH):  # before msgspec recurses into it
        raise BadServerResponse(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return msgspec.json.decode(body)
    except _NOT_JSON as exc:
        first_error = exc
    except RecursionError:  # not reached while MAX_DEPTH holds; kept so no refactoring can let it escape
        raise BadServerResponse("JSON nested too deeply") from None
    repaired = _repair_text(body)
    if repaired != body:
        try:
            return msgspec.json.decode(repaired)
        except (*_NOT_JSON, RecursionError):
            pass
    raise BadServerResponse(f"invalid JSON: {first_error}") from None


def _repair_text(body: bytes) -> bytes:
    """Invalid UTF-8 and lone surrogate escapes → U+FFFD; every other byte as sent."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        body = body.decode("utf-8", "replace").encode("utf-8")
    return _SURROGATE_ESCAPE.sub(_lone_to_fffd, body)


def _lone_to_fffd(match: re.Match[bytes]) -> bytes:
    escape = match.group()
    return b"\\ufffd" if len(escape) == 6 else escape  # 6 bytes: one surrogate alone; 2: `\\`; 12: a pair


def _within_depth(body: bytes, limit: int) -> bool:
    """Whether a JSON text nests at most `limit` arrays and objects deep.

    Exact for valid JSON, and cheap: a few C-speed byte passes (about 1 ms per MB), no walk over the values.
    Invalid JSON may be judged either way; msgspec refuses it next.
    """
    if b"\\" in body:  # memchr; then one pass cuts out `\\"` and `\\\\`, so every quote left opens or closes a string
        body = _QUOTE_OR_BACKSLASH_ESCAPE.sub(b"", body)
    marks = body.translate(_CURLY_AS_SQUARE, _NOT_STRUCTURE)
    outside = marks.replace(b'""', b"")  # the usual case: no string holds a bracket
    if b'"' in outside:
        outside = b"".join(marks.split(b'"')[::2])  # what lies between strings
    if len(outside) <= 2 * limit:
        return True
    if b"[" * (limit + 1) in outside:  # the plain attack, found in one pass
        return False
    for _ in range(limit):  # each pass removes the innermost level: empty after `depth` passes
        outside = outside.replace(b"[]", b"")
        if not outside:
            return True
    return False


@overload
def check[T](raw: Any, shape: type[T], what: str = "answer") -> T: ...
@overload  # a union such as Aggregate is no type[T]: msgspec.convert's own overloads answer Any for it
def check(raw: Any, shape: Any, what: str = "answer") -> Any: ...
def check(raw: Any, shape: Any, what: str = "answer") -> Any:
    """Validate decoded JSON against a wire model; return the Struct (callers keep `raw` for storage)."""
    try:
        return msgspec.convert(raw, shape)
    except msgspec.ValidationError as exc:
        raise BadServerResponse(f"{what} does not match the contract: {exc}") from None
    except RecursionError:  # a value built deeper than the C stack allows (decode_json never makes one)
        raise BadServerResponse(f"{what} is nested too deeply") from None


def parse_min_version(text: Any) -> PackageVersion:
    """/meta's `min_client_version` in PEP 440 order ("1.0rc1" < "1.0"); no version at all is a bad answer."""
    if not isinstance(text, str) or len(text) > MAX_VERSION_LENGTH:
        raise BadServerResponse("min_client_version is not a version")
    try:
        return PackageVersion(text)
    except ValueError:  # InvalidVersion, and int() refusing a part of more than 4,300 digits
        raise BadServerResponse("min_client_version is not a version") from None


def check_aggregate(raw: Any, kind: str | None = None, what: str = "aggregate") -> dict[str, Any]:
    """Validate one Report or Dossier; return the raw dict. `kind` must be present in the JSON itself."""
    if not isinstance(raw, dict) or raw.get("kind") not in ("report", "dossier"):
        raise BadServerResponse(f"{what} has no valid kind")
    if kind is not None and raw["kind"] != kind:
        raise BadServerResponse(f"{what} is a {raw['kind']}, expected a {kind}")
    check(raw, Aggregate, what)
    return raw


def _foreign_kind(change: Any) -> bool:
    """A change of a kind this client does not know (a newer server's): skipped, not judged by our models."""
    return isinstance(change, dict) and isinstance(change.get("kind"), str) and change["kind"] not in KINDS


_CHECK_SLICE = 50


def check_page(raw: Any) -> tuple[list[dict[str, Any]], str, bool]:
    """Validate a /changes page as a whole: (raw changes, next cursor, more). One bad change fails it all.

    Changes of an unknown kind are dropped first: failing the page on them would stall the feed for good.
    """
    if not (isinstance(raw, dict) and isinstance(raw.get("changes"), list)):
        check(raw, ChangesPage, "changes page")  # not a page at all: says why
        raise BadServerResponse("changes page does not match the contract")
    raw = {**raw, "changes": [c for c in raw["changes"] if not _foreign_kind(c)]}
    # The envelope, then the changes a slice at a time: one convert() of a whole page holds the GIL for
    # ~10 ms, long enough for the window (whose thread waits for the GIL) to skip frames during a sync.
    envelope = check({**raw, "changes": []}, ChangesPage, "changes page")
    changes = raw["changes"]
    checked = [change for start in range(0, len(changes), _CHECK_SLICE)
               for change in check(changes[start:start + _CHECK_SLICE], list[Change], "changes page")]
    page = ChangesPage(changes=checked, next=envelope.next, more=envelope.more)
    for position, (change, raw_change) in enumerate(zip(page.changes, changes, strict=True)):
        where = f"change {position}"
        if change.op == "upsert":
            # ChangesPage already validated `data` as a Report or Dossier (tagged by its own "kind"): only the
            # cross-checks are left (validating each aggregate again cost ~15% of an initial sync).
            if change.data is None:
                raise BadServerResponse(f"{where}: upsert without data")
            if change.data.__struct_config__.tag != change.kind:
                raise BadServerResponse(f"{where}: aggregate is a {change.data.__struct_config__.tag}, "
                                        f"expected a {change.kind}")
            if change.data.id != change.id or change.data.version != change.version:
                raise BadServerResponse(f"{where}: id or version differs from its data")
        elif raw_change.get("data") is not None:
            # A delete carries no aggregate; keep it out of storage rather than guess.
            raw_change = {k: val for k, val in raw_change.items() if k != "data"}
            changes[position] = raw_change
    return changes, page.next, page.more


def check_action_answer(raw: Any, kind: str, aggregate_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validate a 200 action answer; return (raw aggregate, raw event)."""
    check(raw, ActionAnswer, "action answer")
    aggregate = check_aggregate(raw["aggregate"], kind, "action answer aggregate")
    if aggregate["id"] != aggregate_id:
        raise BadServerResponse("action answer is about another aggregate")
    return aggregate, raw["event"]


def current_from_problem(problem: Mapping[str, Any], kind: str) -> dict[str, Any] | None:
    """The server's `current` state carried by a 409/412 problem, when present and valid."""
    current = problem.get("current")
    if current is None:
        return None
    try:
        return check_aggregate(current, kind, "problem current")
    except BadServerResponse:
        return None  # the conflict still stands; only the preview is missing
