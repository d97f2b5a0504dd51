"""Where things live and what provincial IT fixed: profile folder, deployment.toml, language.

Deployment settings come from `deployment.toml` beside the installed program or in the system config
folder (provincial IT writes it); the profile folder from `--profile`, TRIAGE_PROFILE or the per-user
local (non-roaming) data folder.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from triage_desktop import APP_NAME


@dataclass(frozen=True, slots=True)
class Deployment:
    server_url: str | None = None
    province: str | None = None
    language: str = "vi"
    ca_bundle: str | None = None


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
    for path in paths if paths is not None else _deployment_candidates():
        if path.is_file():
            with path.open("rb") as fh:
                data = tomllib.load(fh)
            return Deployment(
                server_url=data.get("server_url"), province=data.get("province"),
                language=str(data.get("language", "vi")), ca_bundle=data.get("ca_bundle"),
            )
    return Deployment()
