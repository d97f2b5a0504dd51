"""The "Mở bản đồ" link: the deployment's map URL pattern filled with an item's coordinates, or nothing.

Coordinates come from a citizen's report through the server: only finite numbers within the globe are used,
written as plain decimals (never "1e-05", "nan" or text), and the result must still be an https URL with a
host, so no pattern or value can turn the button into a file, a script or another scheme.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

DECIMALS = 6  # ~0.1 m: more than a phone's GPS knows


def plain_decimal(value: float) -> str:
    """`value` as digits, an optional minus and a point: "106.0982", "-0.5", "0"."""
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def valid_coordinates(lat: object, lon: object) -> tuple[float, float] | None:
    """(lat, lon) as floats when both are real numbers (not bool) in [-90, 90] and [-180, 180]; else None."""
    if isinstance(lat, bool) or isinstance(lon, bool) or not isinstance(lat, int | float) \
            or not isinstance(lon, int | float):
        return None
    try:
        lat_f, lon_f = float(lat), float(lon)
    except OverflowError:  # an int too large for a float
        return None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        return None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):
        return None
    return lat_f, lon_f


def map_url(pattern: str, lat: object, lon: object) -> str | None:
    """The pattern with {lat} and {lon} replaced, or None when the coordinates or the result are not usable."""
    coordinates = valid_coordinates(lat, lon)
    if coordinates is None or "{lat}" not in pattern or "{lon}" not in pattern:
        return None
    # Plain replacement, not str.format: a pattern's other braces or "{0.__class__}" are not evaluated.
    url = pattern.replace("{lat}", plain_decimal(coordinates[0])).replace("{lon}", plain_decimal(coordinates[1]))
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() != "https" or not parts.hostname:
        return None
    return url


def coordinates_text(lat: object, lon: object) -> str | None:
    """"lat, lon" for the clipboard, the same plain decimals as the link; None when not usable."""
    coordinates = valid_coordinates(lat, lon)
    if coordinates is None:
        return None
    return f"{plain_decimal(coordinates[0])}, {plain_decimal(coordinates[1])}"
