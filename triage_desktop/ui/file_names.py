"""A safe name to suggest when an officer saves an attachment: the citizen's name is untrusted.

The server's name is only a suggestion in the save dialog, never a path by itself: path parts, reserved
names and characters no OS accepts are removed (pathvalidate), and the extension always comes from the
allow-listed content type (central-api.md §8), so "biên bản.pdf.exe" sent as a PDF is saved as a .pdf.
Invisible format characters go first (core.text.visible): a right-to-left override would make the dialog show
"ảnh‮gnp.exe" as "ảnhexe.png", a zero-width space would make two names look the same.
"""

from __future__ import annotations

from pathvalidate import sanitize_filename

from triage_desktop.core.file_types import EXTENSION_BY_TYPE, is_photo_type, media_type
from triage_desktop.core.text import visible

UNKNOWN_EXTENSION = ".bin"  # a type outside the contract: nothing will try to run it
FALLBACK_STEM = "tep-dinh-kem"
MAX_STEM = 100  # characters; leaves room for a folder path on Windows


def extension_for(content_type: str) -> str:
    return EXTENSION_BY_TYPE.get(media_type(content_type), UNKNOWN_EXTENSION)


def is_photo(content_type: str) -> bool:
    return is_photo_type(content_type)


def suggested_file_name(filename: str, content_type: str) -> str:
    extension = extension_for(content_type)
    name = visible(filename[:1000]).replace("\n", " ").replace("\t", " ")
    name = sanitize_filename(name.replace("/", " ").replace("\\", " "), platform="universal")
    if name.lower().endswith(extension) or (extension == ".jpg" and name.lower().endswith(".jpeg")):
        name = name[: name.rfind(".")]
    stem = name[:MAX_STEM].strip(" .")
    if not stem:
        stem = FALLBACK_STEM
    return sanitize_filename(stem + extension, platform="universal")
