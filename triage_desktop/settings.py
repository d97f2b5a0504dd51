"""Where things live and what provincial IT fixed: profile folder, deployment.toml, language.

Deployment settings come from `deployment.toml` beside the installed program or in the system config
folder (provincial IT writes it); the profile folder from `--profile`, TRIAGE_PROFILE or the per-user
local (non-roaming) data folder.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import msgspec
import platformdirs

from triage_desktop import APP_NAME
from triage_desktop.core.deadlines import DEFAULT_SOON_WORKING_DAYS
from triage_desktop.core.work_settings import (
    DEFAULT_MAP_URL,
    DEFAULT_PHOTO_CACHE_MB,
    DEFAULT_UNDO_SECONDS,
    WorkSettings,
)

MAX_SOON_WORKING_DAYS = 30  # a month of working days: beyond it "soon" means nothing (and NaN/inf are refused)
MAX_UNDO_SECONDS = 60  # longer, and a reply the officer meant to send sits unsent while she moves on


class Deployment(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What provincial IT fixed in deployment.toml; a key not named here is refused, so a typo never passes."""

    server_url: str | None = None  # the Central API base URL the login offers
    province: str | None = None  # not shown anywhere yet; accepted because the README's example sets it
    language: Literal["vi", "en"] = "vi"
    # A PEM file of CAs trusted on top of the OS store (sync.http.make_session); relative to deployment.toml.
    ca_bundle: str | None = None
    # The login offers only `server_url`: the officer cannot point the program at another server.
    lock_server_url: bool = False
    # Minutes without keyboard or mouse before the window locks itself (0: never; the OS session lock still does).
    idle_lock_minutes: int = 10
    # With a keyring, a start this many hours after the password was last typed asks for it again.
    password_every_hours: int = 12
    # Only where IT accepts the risk: a cache that is not encrypted (the window then warns, permanently).
    allow_unencrypted_cache: bool = False
    # Exports carry full phone and CCCD numbers instead of masked ones (0905•••123).
    full_exports: bool = False
    # Working days of office time left below which a running deadline shows amber "Sắp đến hạn" (issue 11);
    # 0.5 = half a working day. core.deadlines.DeadlineBounds.at takes it.
    due_soon_working_days: float = DEFAULT_SOON_WORKING_DAYS
    # Megabytes of citizens' photos kept in the cache for offline viewing (issue 12); 0 keeps none.
    photo_cache_mb: int = DEFAULT_PHOTO_CACHE_MB
    # "Mở bản đồ": an https URL with {lat} and {lon}, filled with the item's coordinates as numbers only.
    map_url: str = DEFAULT_MAP_URL
    # Seconds a reply, an assignment or a status change waits in the outbox, undoable, before it may leave.
    undo_seconds: int = DEFAULT_UNDO_SECONDS

    def work(self) -> WorkSettings:
        """The knobs the window reads (core.work_settings)."""
        return WorkSettings(due_soon_working_days=self.due_soon_working_days, photo_cache_mb=self.photo_cache_mb,
                            map_url=self.map_url, undo_seconds=self.undo_seconds, full_exports=self.full_exports)


def valid_map_url(pattern: str) -> bool:
    """An https URL with a host, holding both placeholders: only numbers ever go into it."""
    filled = pattern.replace("{lat}", "0").replace("{lon}", "0")
    parts = urlsplit(filled)
    return "{lat}" in pattern and "{lon}" in pattern and parts.scheme == "https" and bool(parts.hostname)


class DeploymentError(Exception):
    """deployment.toml cannot be used; the message is one line naming the file and the key."""


def profile_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the cache, downloaded attachments and logs (never secrets)."""
    chosen = explicit or os.environ.get("TRIAGE_PROFILE")
    if chosen:
        return Path(chosen).expanduser().resolve()
    # roaming=False: a domain's roaming profile would copy a large cache at every logon.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def _deployment_candidates() -> list[Path]:
    program_dir = Path(sys.executable).parent if getattr(sys, "frozen", False) else Path(__file__).parent
    return [program_dir / "deployment.toml",
            Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / "deployment.toml"]


def load_deployment(paths: list[Path] | None = None) -> Deployment:
    """The first deployment.toml found (see the module docstring), or the defaults when there is none."""
    for path in paths if paths is not None else _deployment_candidates():
        if path.is_file():
            return read_deployment(path)
    return Deployment()


def read_deployment(path: Path) -> Deployment:
    try:
        deployment = msgspec.convert(tomllib.loads(path.read_text(encoding="utf-8")), Deployment)
    except (tomllib.TOMLDecodeError, msgspec.ValidationError, UnicodeDecodeError, OSError) as exc:
        # msgspec names the key: "Object contains unknown field `sever_url`", "Expected `bool`, got `str` -
        # at `$.lock_server_url`".
        raise DeploymentError(f"{path}: {exc}") from None
    if deployment.lock_server_url and not deployment.server_url:
        raise DeploymentError(f"{path}: lock_server_url needs server_url")
    if deployment.idle_lock_minutes < 0 or deployment.password_every_hours < 1:
        raise DeploymentError(f"{path}: idle_lock_minutes must be >= 0 and password_every_hours >= 1")
    if not 0 < deployment.due_soon_working_days <= MAX_SOON_WORKING_DAYS:
        raise DeploymentError(f"{path}: due_soon_working_days must be > 0 and <= {MAX_SOON_WORKING_DAYS}")
    if deployment.photo_cache_mb < 0:
        raise DeploymentError(f"{path}: photo_cache_mb must be >= 0")
    if not 0 <= deployment.undo_seconds <= MAX_UNDO_SECONDS:
        raise DeploymentError(f"{path}: undo_seconds must be 0..{MAX_UNDO_SECONDS}")
    if not valid_map_url(deployment.map_url):
        raise DeploymentError(f"{path}: map_url must be an https URL holding {{lat}} and {{lon}}")
    if deployment.ca_bundle:
        bundle = (path.parent / deployment.ca_bundle).resolve()  # an absolute path stays itself
        if not bundle.is_file():
            raise DeploymentError(f"{path}: ca_bundle: no file {bundle}")
        deployment = msgspec.structs.replace(deployment, ca_bundle=str(bundle))
    return deployment
