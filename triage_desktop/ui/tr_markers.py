"""QT_TRANSLATE_NOOP typed as what it returns: its message, a str.

PySide6's stubs type it `(object, object) -> object`, so every label table built from it reads as
`dict[str, object]` and each `translate()` of a label fails the type check. At run time this is PySide6's own
function; pyside6-lupdate finds the strings by the call's name, wherever the name comes from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, message: str, /) -> str: ...
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP"]
