"""The building blocks of a paper's HTML, in the subset QTextDocument renders: tables for the two-column
heading and the signatures, paragraphs with point sizes. Everything that comes from the server or a citizen goes
through `esc` (html.escape): a name like "<b>x</b>" prints as those characters."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from triage_desktop.core.papers.letterhead import Letterhead

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOTS = "……………………"
PHOTO_WIDTH = 208  # CSS pixels (1/96 in): 55 mm, three photos side by side on A4


def esc(text: object) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return "<br>".join(html.escape(line) for line in str(text).splitlines()) if text else ""


def or_dots(text: object) -> str:
    """The value, or a dotted line to fill in by hand."""
    return esc(text) if str(text or "").strip() else DOTS


def heading(letterhead: Letterhead, number: str = "") -> str:
    """The national heading (Quốc hiệu, Tiêu ngữ) at right, the authority and the unit at left (Decree 30)."""
    left = f'<p align="center" style="font-size:12pt">{esc(letterhead.authority.upper()) or DOTS}<br>' \
           f'<b>{esc(letterhead.unit_name.upper()) or DOTS}</b><br>———————'
    if number:
        left += f"<br>Số: {esc(number)}"
    left += "</p>"
    right = f'<p align="center" style="font-size:12pt"><b>{NATION}</b><br>' \
            f'<b><u>{MOTTO}</u></b></p>'
    return ('<table width="100%" cellspacing="0" cellpadding="0"><tr>'
            f'<td width="45%" valign="top">{left}</td><td width="55%" valign="top">{right}</td></tr></table>')


def date_line(text: str) -> str:
    return f'<p align="right"><i>{esc(text)}</i></p>'


def title(text: str, subtitle: str = "") -> str:
    below = f'<br><span style="font-size:13pt; font-weight:normal">{subtitle}</span>' if subtitle else ""
    return f'<p align="center" style="font-size:14pt; margin-top:12px"><b>{esc(text.upper())}</b>{below}</p>'


def para(inner: str, *, indent: bool = False) -> str:
    """One paragraph of already-escaped HTML, 6 pt below the one before; `indent` gives its first line the usual
    1 cm. (Qt's CSS takes lengths in pixels only, 1/96 inch: 8px is 6 pt, 38px is 1 cm.)"""
    indent_style = " text-indent:38px;" if indent else ""
    return f'<p align="justify" style="margin-top:8px; margin-bottom:0px;{indent_style}">{inner}</p>'


def field(label: str, value: object) -> str:
    """"Label: value" with the value escaped (a dotted line when empty)."""
    return para(f"{esc(label)}: {or_dots(value)}")


def numbered(lines: Iterable[str]) -> str:
    """Escaped lines as "1. …", "2. …" paragraphs."""
    return "".join(para(f"{n}. {esc(line)}") for n, line in enumerate(lines, 1))


def signatures(*blocks: tuple[str, str, str]) -> str:
    """Side by side: (title, hint, name) — "NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", the person."""
    width = 100 // max(1, len(blocks))
    cells = "".join(
        f'<td width="{width}%" valign="top"><p align="center"><b>{esc(head)}</b><br><i>{esc(hint)}</i>'
        f"<br><br><br><br><b>{esc(name)}</b></p></td>" for head, hint, name in blocks)
    return f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:12px"><tr>{cells}</tr></table>'


def grid(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A bordered table; the cells are escaped here."""
    head = "".join(f'<th style="font-size:12pt">{esc(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="font-size:12pt">{esc(c)}</td>' for c in row) + "</tr>"
                   for row in rows)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">'
            f"<tr>{head}</tr>{body}</table>")


def document(*parts: str) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"
