"""The "Mở bản đồ" link: plain numbers in an https pattern, nothing else."""

from __future__ import annotations

import pytest

from triage_desktop.core.map_link import coordinates_text, map_url
from triage_desktop.core.work_settings import DEFAULT_MAP_URL


def test_the_default_pattern_gets_plain_decimals() -> None:
    assert map_url(DEFAULT_MAP_URL, 11.3101, 106.0982) == \
        "https://www.openstreetmap.org/?mlat=11.3101&mlon=106.0982#map=18/11.3101/106.0982"
    assert map_url("https://maps.example.vn/@{lat},{lon}", -0.00001, 1e-7) == "https://maps.example.vn/@-0.00001,0"
    assert coordinates_text(11.3101, 106.0982) == "11.3101, 106.0982"


@pytest.mark.parametrize(("lat", "lon"), [
    (float("nan"), 106.0), (11.0, float("inf")), (-float("inf"), 0.0), (90.0001, 0.0), (0.0, -180.5),
    (10**400, 0), (True, 1.0), ("11.3", "106.0"), ("11.3&x=javascript:alert(1)", 1.0), (None, None),
])
def test_hostile_or_impossible_coordinates_give_no_link(lat: object, lon: object) -> None:
    assert map_url(DEFAULT_MAP_URL, lat, lon) is None
    assert coordinates_text(lat, lon) is None


@pytest.mark.parametrize("pattern", [
    "http://www.openstreetmap.org/?mlat={lat}&mlon={lon}",
    "javascript:alert('{lat},{lon}')",
    "file:///C:/{lat}/{lon}",
    "https:///{lat}/{lon}",  # no host
    "https://maps.example.vn/?q={lat}",  # one number missing
    "https://maps.example.vn/?q={lat},{lon} x",  # a space: not one URL
    "{lat}{lon}",
])
def test_only_https_urls_with_a_host_are_built(pattern: str) -> None:
    assert map_url(pattern, 11.3, 106.1) is None


def test_other_braces_in_a_pattern_are_not_evaluated() -> None:
    assert map_url("https://maps.example.vn/{0.__class__}/{lat}/{lon}", 1, 2) == \
        "https://maps.example.vn/{0.__class__}/1/2"
