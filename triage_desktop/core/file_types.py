"""The file types the contract allows (central-api.md §8), said once: for files officers send, names suggested
when they save one, and which attachments are photos the program shows itself."""

from __future__ import annotations

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# By the extension a file on the officer's disk carries.
TYPES_BY_EXTENSION = {".jpg": JPEG, ".jpeg": JPEG, ".png": PNG, ".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX}
# The extension a file of each type is saved under (the first one listed above).
EXTENSION_BY_TYPE = {kind: extension for extension, kind in reversed(TYPES_BY_EXTENSION.items())}
PHOTO_TYPES = frozenset({JPEG, PNG})  # the images the contract allows: shown in the app, kept offline


def media_type(content_type: str) -> str:
    """`image/jpeg; charset=…` → `image/jpeg`."""
    return content_type.split(";", 1)[0].strip().lower()


def is_photo_type(content_type: str) -> bool:
    return media_type(content_type) in PHOTO_TYPES
