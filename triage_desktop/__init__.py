"""triage-desktop: ward officials' client for citizens' field reports and administrative dossiers."""

__version__ = "0.1.0"
APP_NAME = "triage-desktop"
