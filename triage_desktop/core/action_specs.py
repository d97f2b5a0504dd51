"""One row per action type (central-api.md §6): everything the client knows about an action, in one table.

A row says which kinds it applies to, which roles may do it (§2), from which statuses it is offered (§4),
its body fields and how each is checked, whether it carries If-Match, which aggregate fields it may change
(the §7 rebase rule), and what it does to the item meanwhile (the optimistic overlay of status, assignee and
priority). `core.actions`, `core.rebase`, `core.entities`, the sync engine, the command line and the window
all read this table.

Adding an action: a row here; an entry in `ui.action_registry` (name, button text, icon or menu, dialog); the
dialog, if it needs a form. A field no action had before also needs its words in `ui.messages._FIELD_NAMES`
(and, if it says where the action points, in `ui.action_text._HEADS`). `tests/ui/test_action_registry.py`
fails while any of these is missing. The sandbox is a server of its own and learns the action separately.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from triage_desktop.core import vocabulary as v
from triage_desktop.core.errors import InvalidAction
from triage_desktop.core.text import nfc

# A user's first role in this order decides what they may do (a leader who is also a clerk is a leader).
ROLES = ("leader", "officer", "clerk")


def acting_role(roles: Iterable[str]) -> str | None:
    """The role that decides for a user with these roles; None when they have none the contract knows."""
    held = set(roles)
    return next((role for role in ROLES if role in held), None)


# --- fields ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Context:
    """What a field's check may depend on besides the fields themselves."""

    kind: str
    current_status: str | None  # the item's effective status, when known


@dataclass(frozen=True, slots=True)
class Field:
    """One body field: its contract name, its command-line option, and its check (`read`)."""

    name: str
    # The `act` command's option: "" means "--" + the name with dashes; None means not offered there.
    flag: str | None = ""

    @property
    def option(self) -> str | None:
        return ("--" + self.name.replace("_", "-")) if self.flag == "" else self.flag

    @property
    def many(self) -> bool:
        """The option may be given several times (a list)."""
        return False

    def read(self, fields: Mapping[str, Any], context: Context) -> Any:
        """The field's value for the body, None to leave it out, or InvalidAction with a translatable code."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Text(Field):
    """Text the officer wrote: NFC, trimmed, at most `limit` code points; required always or when `when` says."""

    limit: int = 10_000
    required: bool = True
    when: Callable[[Mapping[str, Any], Context], bool] | None = None  # required only when this is true

    def read(self, fields: Mapping[str, Any], context: Context) -> str | None:
        value = fields.get(self.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.when(fields, context) if self.when is not None else self.required:
                raise InvalidAction(f"missing:{self.name}")
            return None
        text = nfc(str(value)).strip()
        if len(text) > self.limit:
            raise InvalidAction(f"too_long:{self.name}:{self.limit}")
        return text


@dataclass(frozen=True, slots=True)
class Ref(Field):
    """A required id or timestamp, sent as a string."""

    def read(self, fields: Mapping[str, Any], context: Context) -> str:
        if not fields.get(self.name):
            raise InvalidAction(f"missing:{self.name}")
        return str(fields[self.name])


@dataclass(frozen=True, slots=True)
class OneOf(Field):
    """One code of a fixed list."""

    values: tuple[str, ...] = ()

    def read(self, fields: Mapping[str, Any], context: Context) -> Any:
        if fields.get(self.name) not in self.values:
            raise InvalidAction(f"invalid:{self.name}")
        return fields[self.name]


@dataclass(frozen=True, slots=True)
class AttachmentIds(Field):
    """Uploaded attachments to send along; none is an empty list (not offered on the command line yet)."""

    name: str = "attachment_ids"
    flag: str | None = None

    def read(self, fields: Mapping[str, Any], context: Context) -> list[Any]:
        return list(fields.get(self.name) or [])


@dataclass(frozen=True, slots=True)
class Lines(Field):
    """A required non-empty list of short texts (one option per line on the command line)."""

    @property
    def many(self) -> bool:
        return True

    def read(self, fields: Mapping[str, Any], context: Context) -> list[str]:
        lines = [nfc(str(d)).strip() for d in fields.get(self.name) or [] if str(d).strip()]
        if not lines:
            raise InvalidAction(f"missing:{self.name}")
        return lines


@dataclass(frozen=True, slots=True)
class Amount(Field):
    """A positive whole number of đồng."""

    def read(self, fields: Mapping[str, Any], context: Context) -> int:
        try:
            amount = int(fields.get(self.name))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise InvalidAction(f"invalid:{self.name}") from None
        if amount <= 0:
            raise InvalidAction(f"invalid:{self.name}")
        return amount


@dataclass(frozen=True, slots=True)
class StatusTarget(Field):
    """`set_status`'s target: only the statuses §4 lets that action reach for the kind."""

    name: str = "status"

    def read(self, fields: Mapping[str, Any], context: Context) -> Any:
        target = fields.get(self.name)
        if not target:
            raise InvalidAction(f"missing:{self.name}")
        if target not in v.SET_STATUS_TARGETS[context.kind]:
            raise InvalidAction(f"status_target:{target}")
        return target


@dataclass(frozen=True, slots=True)
class RejectReason(Field):
    """A report rejection's coded reason (§4); left out of every other status change."""

    name: str = "reason"

    def read(self, fields: Mapping[str, Any], context: Context) -> Any:
        if not (context.kind == "report" and fields.get("status") == "rejected"):
            return None
        if fields.get(self.name) not in v.REJECT_REASONS:
            raise InvalidAction(f"missing:{self.name}")
        return fields[self.name]


def _status_needs_reason(fields: Mapping[str, Any], context: Context) -> bool:
    return v.status_needs_reason_text(context.kind, context.current_status, str(fields.get("status")))


# --- roles, statuses, effects ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RoleLimit:
    """A role may do the action only with `field` set to one of `values`, or (values None) to the user's own
    id or left out; otherwise it is refused with `refusal` (an InvalidAction code)."""

    field: str
    refusal: str
    values: frozenset[str] | None = None

    def allows(self, fields: Mapping[str, Any], user_id: str) -> bool:
        value = fields.get(self.field)
        return value in (None, user_id) if self.values is None else value in self.values


EVERYONE: Mapping[str, RoleLimit | None] = {"leader": None, "officer": None, "clerk": None}
STAFF: Mapping[str, RoleLimit | None] = {"leader": None, "officer": None}  # not the one-stop clerk (§2)


@dataclass(frozen=True, slots=True)
class FromStatuses:
    """The statuses an action is offered from, per kind: `only` these, or any but `never` these."""

    only: Mapping[str, Collection[str]] | None = None
    never: Mapping[str, Collection[str]] | None = None

    def allows(self, kind: str, status: str) -> bool:
        if self.only is not None:
            return status in self.only.get(kind, ())
        if self.never is not None:
            return status not in self.never.get(kind, ())
        return True


ANY_STATUS = FromStatuses()
UNLESS_FINAL = FromStatuses(never=v.FINAL_STATUSES)
_ACTIVE_REPORT = frozenset({"new", "acknowledged", "in_progress"})
# `set_status` is offered wherever one of its targets is a move from the current status.
_HAS_STATUS_TARGET: dict[str, frozenset[str]] = {kind: frozenset(s for s, moves in v.MOVES[kind].items() if moves & v.SET_STATUS_TARGETS[kind])
                      for kind in v.KINDS}


@dataclass(frozen=True, slots=True)
class ActionSpec:
    type: str
    kinds: frozenset[str]
    roles: Mapping[str, RoleLimit | None]  # who may do it, and with what limit (§2)
    offered_from: FromStatuses  # when the window offers it (the server has the last word: 409)
    fields: tuple[Field, ...]  # the body's fields, in the order they are checked and sent (§6)
    if_match: bool = True  # notes and replies go without: a stale If-Match would get a needless 412
    # Fields it may change besides version, updated_at and events (§7 rebase); None: never rebase past it.
    rebase_fields: frozenset[str] | None = frozenset()
    # The optimistic overlay: the status it moves an item to, per kind, and payload fields copied onto the item.
    sets_status: Mapping[str, str] = field(default_factory=dict)
    copies: tuple[str, ...] = ()

    def effect(self, kind: str, payload: Mapping[str, Any]) -> dict[str, str]:
        """What one unsent action of this type does to the item's list fields (status, assignee, priority)."""
        changed: dict[str, str] = {}
        if kind in self.sets_status:
            changed["status"] = self.sets_status[kind]
        for name in self.copies:
            if payload.get(name):
                changed[name] = str(payload[name])
        return changed


_SPECS = (
    ActionSpec(
        "acknowledge", frozenset(v.KINDS), EVERYONE, FromStatuses(only=v.NEW_STATUSES), (),
        rebase_fields=frozenset({"status", "dvc_code", "received_at", "step"}),
        sets_status={"report": "acknowledged", "dossier": "received"}),
    ActionSpec(
        "assign", frozenset(v.KINDS),
        {"leader": None, "officer": RoleLimit("assignee_id", "forbidden:assign_others")},  # officers claim only
        UNLESS_FINAL, (Ref("assignee_id", flag="--assignee"),),
        rebase_fields=frozenset({"assignee_id"}), copies=("assignee_id",)),
    ActionSpec(
        "note", frozenset(v.KINDS), EVERYONE, ANY_STATUS, (Text("body", limit=10_000),), if_match=False),
    ActionSpec(
        "reply", frozenset({"report"}), EVERYONE, ANY_STATUS, (Text("body", limit=5_000), AttachmentIds()),
        if_match=False, rebase_fields=frozenset({"attachments"})),  # a server may list the files sent with it
    ActionSpec(
        "set_status", frozenset(v.KINDS),
        {**STAFF, "clerk": RoleLimit("status", "forbidden:status", v.CLERK_STATUSES)},
        FromStatuses(only=_HAS_STATUS_TARGET),
        (StatusTarget(), RejectReason(), Text("reason_text", limit=2_000, when=_status_needs_reason)),
        rebase_fields=frozenset({"status", "dvc_code", "received_at", "closed_at", "returned_at", "step"}),
        copies=("status",)),
    ActionSpec(
        "set_priority", frozenset({"report"}), STAFF, UNLESS_FINAL, (OneOf("priority", values=v.PRIORITIES),),
        rebase_fields=frozenset({"priority"}), copies=("priority",)),
    ActionSpec(
        "transfer", frozenset({"report"}), STAFF, FromStatuses(only={"report": _ACTIVE_REPORT}),
        (Ref("unit_id", flag="--unit"), Text("reason_text", limit=2_000)),
        rebase_fields=None,  # it takes the item out of our unit
        sets_status={"report": "transferred"}),
    ActionSpec(
        "merge", frozenset({"report"}), STAFF, FromStatuses(only={"report": _ACTIVE_REPORT}),
        (Ref("into_id", flag="--into"),),
        rebase_fields=None),  # it takes the item out of the feed
    ActionSpec(
        "request_supplement", frozenset({"dossier"}), STAFF, FromStatuses(only={"dossier": frozenset({"processing"})}),
        (Text("body"), Lines("documents", flag="--document")),
        rebase_fields=frozenset({"status", "dvc_code", "step"}), sets_status={"dossier": "awaiting_supplement"}),
    ActionSpec(
        "request_fee", frozenset({"dossier"}), EVERYONE, FromStatuses(only={"dossier": frozenset({"processing"})}),
        (Amount("amount_vnd", flag="--amount"), Text("body")),
        rebase_fields=frozenset({"status", "dvc_code", "step"}), sets_status={"dossier": "awaiting_fee"}),
    ActionSpec(
        "return_result", frozenset({"dossier"}), EVERYONE, FromStatuses(only={"dossier": frozenset({"resolved"})}),
        (Text("body"), AttachmentIds()),
        rebase_fields=frozenset({"status", "dvc_code", "returned_at", "step", "attachments"}),
        sets_status={"dossier": "returned"}),
    ActionSpec(
        "extend", frozenset({"dossier"}), STAFF,
        FromStatuses(only={"dossier": frozenset({"received", "processing", "awaiting_supplement", "awaiting_fee"})}),
        (Ref("new_due_at"), Text("apology_letter", flag="--apology")),
        rebase_fields=frozenset({"due_at"})),
)

ACTION_SPECS: Mapping[str, ActionSpec] = {spec.type: spec for spec in _SPECS}
ACTION_TYPES: tuple[str, ...] = tuple(ACTION_SPECS)


def needs_if_match(action_type: str) -> bool:
    """Whether an action is sent with If-Match (an unknown type is: the safe side)."""
    spec = ACTION_SPECS.get(action_type)
    return spec.if_match if spec is not None else True


def command_line_fields() -> list[Field]:
    """Every field the `act` command takes, once each, in table order."""
    seen: dict[str, Field] = {}
    for spec in _SPECS:
        for one in spec.fields:
            if one.option is not None:
                seen.setdefault(one.name, one)
    return list(seen.values())
