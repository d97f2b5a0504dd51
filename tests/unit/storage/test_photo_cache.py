"""The photo cache on a real encrypted cache file: kept only with the right digest, within the budget, the least
recently viewed out first, a view (never a glance or a prefetch) making a photo recent again."""

from __future__ import annotations

import hashlib
import time

from triage_desktop.core.entities import Attachment
from triage_desktop.storage.database import Database
from triage_desktop.storage.photo_cache import PhotoCache
from triage_desktop.storage.schema import PHOTOS


def photo(attachment_id: str, size: int = 1000) -> tuple[Attachment, bytes]:
    data = (attachment_id.encode() * size)[:size]
    return Attachment(attachment_id, f"{attachment_id}.jpg", "image/jpeg", size,
                      hashlib.sha256(data).hexdigest(), "citizen"), data


def kept(cache: PhotoCache, *ids: str) -> set[str]:
    return cache.cached_ids(ids)


def tick() -> None:
    time.sleep(0.003)  # last_used_at has millisecond resolution


def test_a_photo_is_kept_only_when_its_bytes_match_the_digest(db: Database) -> None:
    cache = PhotoCache(db)
    attachment, data = photo("a")
    assert not cache.put(attachment, data[:-1] + b"X", 10_000)
    assert cache.get("a") is None and cache.usage().count == 0
    assert cache.put(attachment, data, 10_000)
    assert cache.get("a") == data
    assert cache.usage().bytes == len(data)


def test_the_budget_drops_the_least_recently_viewed(db: Database) -> None:
    cache = PhotoCache(db)
    (a, da), (b, dbytes), (c, dc), (d, dd) = (photo(x) for x in "abcd")
    for attachment, data in ((a, da), (b, dbytes), (c, dc)):
        assert cache.put(attachment, data, 3000)
        tick()
    assert cache.get("a") == da  # viewed: now the most recent
    tick()
    assert cache.get("b", viewed=False) == dbytes  # a thumbnail's glance does not count
    tick()
    assert cache.put(d, dd, 3000)
    assert kept(cache, "a", "b", "c", "d") == {"a", "c", "d"}  # b: fetched before c, never viewed
    assert cache.usage().bytes <= 3000


def test_what_a_prefetch_plans_is_spared_and_a_photo_over_the_whole_budget_is_not_kept(db: Database) -> None:
    cache = PhotoCache(db)
    (a, da), (b, dbytes), (c, dc) = (photo(x) for x in "abc")
    cache.put(a, da, 2000)
    tick()
    cache.put(b, dbytes, 2000)
    tick()
    assert cache.put(c, dc, 2000, keep={"a"})
    assert kept(cache, "a", "b", "c") == {"a", "c"}
    big, big_data = photo("big", 2001)
    assert not cache.put(big, big_data, 2000)
    assert kept(cache, "a", "c") == {"a", "c"}


def test_fetching_again_does_not_make_an_old_photo_recent(db: Database) -> None:
    cache = PhotoCache(db)
    (a, da), (b, dbytes), (c, dc) = (photo(x) for x in "abc")
    cache.put(a, da, 2000)
    tick()
    cache.put(b, dbytes, 2000)
    tick()
    cache.put(a, da, 2000)  # a prefetch or a thumbnail racing it: same bytes, not a view
    tick()
    cache.put(c, dc, 2000)
    assert kept(cache, "a", "b", "c") == {"b", "c"}


def test_a_zero_budget_keeps_nothing_and_trim_applies_a_lowered_one(db: Database) -> None:
    cache = PhotoCache(db)
    a, da = photo("a")
    assert not cache.put(a, da, 0)
    for name in "xyz":
        attachment, data = photo(name)
        cache.put(attachment, data, 10_000)
        tick()
    assert cache.trim(2000) == 1
    assert kept(cache, "x", "y", "z") == {"y", "z"}
    assert cache.trim(0) == 2 and cache.usage().count == 0


def test_the_bytes_are_inside_the_encrypted_cache(db: Database, tmp_path) -> None:
    cache = PhotoCache(db)
    attachment, data = photo("secretphoto", 4000)
    cache.put(attachment, data, 10_000)
    with db.read() as conn:
        assert conn.execute(PHOTOS.select()).one().size == 4000
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"secretphoto" not in raw
