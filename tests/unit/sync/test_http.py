"""ApiClient over real loopback HTTP: error mapping, refresh-and-retry, encoding, digests."""

from __future__ import annotations

import hashlib
import socket
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.unit.sync import samples
from tests.unit.sync.conftest import ACCOUNT
from tests.unit.sync.loopback import Loopback, Reply, cut_body, hang_up, stall
from triage_desktop.core.errors import (
    AccountLocked,
    ApiError,
    BadServerResponse,
    LoginRequired,
    Offline,
    ServerBusy,
    WrongCredentials,
)
from triage_desktop.security.credentials import CredentialStore
from triage_desktop.sync.auth import AuthState, Tokens
from triage_desktop.sync.http import ApiClient, retry_after_seconds

PROBLEM = "application/problem+json"


def problem(name: str, status: int, **extra: object) -> Reply:
    body = {"type": f"https://triage.example/problems/{name}", "title": name, "status": status, **extra}
    return Reply(status, body, content_type=PROBLEM)


def tokens_reply(access: str, refresh: str) -> Reply:
    return Reply(200, samples.login_answer(access, refresh))


@pytest.fixture
def signed_in(client: ApiClient, auth: AuthState) -> ApiClient:
    auth.accept(Tokens("acc-0", "ref-0", 900))
    return client


def test_meta_accepts_json_with_a_charset(loop: Loopback, client: ApiClient) -> None:
    loop.on("GET", "/meta", Reply(200, samples.meta(), content_type="application/json; charset=UTF-8"))
    assert client.meta()["province"]["name"] == "Tây Ninh"
    assert "Authorization" not in loop.seen[0].headers


@pytest.mark.parametrize("reply", [
    Reply(200, b"<html>proxy login</html>", content_type="text/html"),
    Reply(200, b'{"api_version": "1.3"', content_type="application/json"),  # not JSON: cut short
    Reply(200, {"api_version": 1.3, "min_client_version": "1.0.0"}),  # JSON, wrong shape
    Reply(200, b"", content_type=None),
])
def test_non_json_wrong_media_type_or_wrong_shape_is_a_bad_response(
        loop: Loopback, client: ApiClient, reply: Reply) -> None:
    loop.on("GET", "/meta", reply)
    with pytest.raises(BadServerResponse):
        client.meta()


@pytest.mark.parametrize("make", [cut_body, hang_up])
def test_a_body_cut_short_or_a_dropped_connection_is_offline(
        loop: Loopback, signed_in: ApiClient, make: object) -> None:
    loop.on("GET", "/changes", make())  # type: ignore[operator]
    with pytest.raises(Offline):
        signed_in.changes(None)


def test_a_stalled_answer_times_out_as_offline(loop: Loopback, auth: AuthState) -> None:
    auth.accept(Tokens("acc-0", "ref-0", 900))
    impatient = ApiClient(loop.url, auth, read_timeout=0.3)
    loop.on("GET", "/meta", stall(loop))
    with pytest.raises(Offline):
        impatient.meta()


def test_a_refused_connection_is_offline(auth: AuthState) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Offline):
        ApiClient(f"http://127.0.0.1:{port}/v1", auth).meta()


@pytest.mark.parametrize(("status", "header", "expected"), [
    (503, {"Retry-After": "7"}, 7.0),
    (429, {"Retry-After": "120"}, 120.0),
    (500, {}, None),
    (502, {"Retry-After": "soon"}, None),
    (408, {}, None),
])
def test_busy_answers_carry_retry_after(loop: Loopback, signed_in: ApiClient, status: int,
                                        header: dict[str, str], expected: float | None) -> None:
    loop.on("GET", "/changes", Reply(status, b"busy", headers=header, content_type="text/plain"))
    with pytest.raises(ServerBusy) as caught:
        signed_in.changes("c1")
    assert caught.value.retry_after == expected


def test_retry_after_as_an_http_date() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    seconds = retry_after_seconds(later)
    assert seconds is not None and 60 < seconds <= 90
    assert retry_after_seconds(format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)) == 0.0


@pytest.mark.parametrize("garbled", ["\xb2", "\xb9", "1e400", "NaN", "-1", ""])
def test_a_retry_after_that_is_no_number_of_seconds_is_ignored(garbled: str) -> None:
    assert retry_after_seconds(garbled) is None  # "²" passed str.isdigit() and made float() raise


def test_401_refreshes_once_stores_the_rotated_token_and_retries(
        loop: Loopback, signed_in: ApiClient, vault: CredentialStore) -> None:
    loop.on("GET", "/changes", problem("unauthorized", 401), Reply(200, samples.page()))
    loop.on("POST", "/auth/refresh", tokens_reply("acc-1", "ref-1"))
    page = signed_in.changes("c0")
    assert page.next == "c+1/a=b&c"
    [refresh] = loop.requests_to("/auth/refresh")
    assert refresh.json == {"refresh_token": "ref-0"}
    assert "Authorization" not in refresh.headers
    first, second = loop.requests_to("/changes")
    assert first.headers["Authorization"] == "Bearer acc-0"
    assert second.headers["Authorization"] == "Bearer acc-1"
    assert vault.get_refresh_token(ACCOUNT) == "ref-1"
    assert CredentialStore(backend=vault._keyring()).get_refresh_token(ACCOUNT) == "ref-1"  # in the keyring


def test_a_second_401_after_refresh_means_login_required(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/me", problem("unauthorized", 401))
    loop.on("POST", "/auth/refresh", tokens_reply("acc-1", "ref-1"))
    with pytest.raises(LoginRequired):
        signed_in.me()
    assert len(loop.requests_to("/auth/refresh")) == 1
    assert len(loop.requests_to("/me")) == 2


def test_a_refused_refresh_token_is_dropped_and_login_is_required(
        loop: Loopback, signed_in: ApiClient, vault: CredentialStore, auth: AuthState) -> None:
    loop.on("GET", "/me", problem("unauthorized", 401))
    loop.on("POST", "/auth/refresh", problem("unauthorized", 401))
    with pytest.raises(LoginRequired):
        signed_in.me()
    assert vault.get_refresh_token(ACCOUNT) is None
    assert not auth.has_credentials()


def test_without_an_access_token_the_client_refreshes_before_the_first_call(
        loop: Loopback, client: ApiClient) -> None:
    loop.on("POST", "/auth/refresh", tokens_reply("acc-9", "ref-9"))
    loop.on("GET", "/me", Reply(200, samples.user()))
    client.me()
    assert [s.path for s in loop.seen] == ["/v1/auth/refresh", "/v1/me"]
    assert loop.seen[1].headers["Authorization"] == "Bearer acc-9"


def test_tokens_never_appear_in_urls(loop: Loopback, client: ApiClient) -> None:
    loop.on("POST", "/auth/refresh", tokens_reply("acc-9", "ref-9"))
    loop.on("GET", "/changes", Reply(200, samples.page()))
    client.changes("c0", wait=3)
    for seen in loop.seen:
        assert "acc-" not in seen.path + seen.query and "ref-" not in seen.path + seen.query


def test_gzip_answers_are_decoded(loop: Loopback, signed_in: ApiClient) -> None:
    report = samples.report()
    loop.on("GET", "/changes", Reply(200, samples.page(samples.upsert(report)), gzip=True))
    page = signed_in.changes(None)
    assert page.changes[0]["data"]["title"] == "Cây đổ chắn đường"
    assert "gzip" in loop.seen[0].headers["Accept-Encoding"]


def test_the_cursor_is_percent_encoded_and_comes_back_unchanged(loop: Loopback, signed_in: ApiClient) -> None:
    cursor = "a+b/c=d&e f%g"
    loop.on("GET", "/changes", Reply(200, samples.page()))
    signed_in.changes(cursor, limit=50, wait=5)
    [seen] = loop.seen
    assert "since=a%2Bb%2Fc%3Dd%26e%20f%25g" in seen.query
    assert seen.param("since") == cursor
    assert seen.param("limit") == "50" and seen.param("wait") == "5"


def test_no_since_on_the_first_pull(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/changes", Reply(200, samples.page()))
    signed_in.changes(None)
    assert loop.seen[0].param("since") is None and loop.seen[0].param("wait") is None


def test_a_page_with_one_bad_change_fails_whole(loop: Loopback, signed_in: ApiClient) -> None:
    bad = samples.upsert(samples.report(item_id="r_2"))
    bad["data"]["version"] = "4"
    loop.on("GET", "/changes", Reply(200, samples.page(samples.upsert(samples.report()), bad)))
    with pytest.raises(BadServerResponse):
        signed_in.changes(None)


def test_410_comes_back_as_an_api_error(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/changes", problem("cursor-expired", 410))
    with pytest.raises(ApiError) as caught:
        signed_in.changes("old")
    assert caught.value.status == 410 and caught.value.problem_name == "cursor-expired"


def test_reference_data_uses_etags(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/members", Reply(200, [samples.user()], headers={"ETag": '"m1"'}),
            Reply(304, None, content_type=None))
    first = signed_in.members()
    assert first.etag == '"m1"' and first.data[0]["username"] == "canbo1"
    second = signed_in.members(first.etag)
    assert second.not_modified and second.data is None
    assert loop.seen[1].headers["If-None-Match"] == '"m1"'


def test_calendar_for_an_unpublished_year(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/calendar", problem("not-found", 404))
    with pytest.raises(ApiError) as caught:
        signed_in.calendar(2031)
    assert caught.value.status == 404 and loop.seen[0].param("year") == "2031"


def test_an_action_carries_its_key_and_quoted_if_match(loop: Loopback, signed_in: ApiClient) -> None:
    answer = {"aggregate": samples.report(version=4, status="acknowledged"), "event": samples.event()}
    loop.on("POST", "/reports/r_1/actions", Reply(200, answer))
    aggregate, event = signed_in.post_action("report", "r_1", {"type": "acknowledge"}, "key-1", 3)
    assert aggregate["version"] == 4 and event["id"] == "e_9"
    [seen] = loop.seen
    assert seen.headers["Idempotency-Key"] == "key-1"
    assert seen.headers["If-Match"] == '"3"'
    assert seen.headers["Content-Type"] == "application/json"
    assert seen.json == {"type": "acknowledge"}


def test_a_note_goes_without_if_match(loop: Loopback, signed_in: ApiClient) -> None:
    answer = {"aggregate": samples.dossier(version=3), "event": samples.event()}
    loop.on("POST", "/dossiers/d_1/actions", Reply(200, answer))
    signed_in.post_action("dossier", "d_1", {"type": "note", "body": "Đã gọi"}, "key-2", None)
    assert "If-Match" not in loop.seen[0].headers
    assert loop.seen[0].json["body"] == "Đã gọi"


def test_a_stale_action_is_an_api_error_with_current(loop: Loopback, signed_in: ApiClient) -> None:
    current = samples.report(version=9, priority="urgent")
    loop.on("POST", "/reports/r_1/actions", problem("version-conflict", 412, current=current))
    with pytest.raises(ApiError) as caught:
        signed_in.post_action("report", "r_1", {"type": "acknowledge"}, "key-3", 3)
    assert caught.value.status == 412 and caught.value.problem["current"] == current


def test_an_action_retried_after_401_keeps_its_key(loop: Loopback, signed_in: ApiClient) -> None:
    answer = {"aggregate": samples.report(version=4), "event": samples.event()}
    loop.on("POST", "/reports/r_1/actions", problem("unauthorized", 401), Reply(200, answer))
    loop.on("POST", "/auth/refresh", tokens_reply("acc-1", "ref-1"))
    signed_in.post_action("report", "r_1", {"type": "note", "body": "x"}, "key-4", None)
    keys = [s.headers["Idempotency-Key"] for s in loop.requests_to("/reports/r_1/actions")]
    assert keys == ["key-4", "key-4"]


def test_login_maps_401_and_423_and_sends_no_bearer(loop: Loopback, client: ApiClient) -> None:
    loop.on("POST", "/auth/login", problem("unauthorized", 401), problem("locked", 423),
            tokens_reply("acc-5", "ref-5"))
    device = {"id": "d", "name": "PC", "app_version": "0.1.0"}
    with pytest.raises(WrongCredentials):
        client.login("canbo1", "bad", device)
    with pytest.raises(AccountLocked):
        client.login("canbo1", "bad", device)
    tokens, user = client.login("canbo1", "demo123", device)
    assert tokens.refresh_token == "ref-5" and user.username == "canbo1" and user.roles == ("officer",)
    assert "ref-5" not in repr(tokens)
    assert all("Authorization" not in s.headers for s in loop.seen)
    assert loop.seen[0].json == {"username": "canbo1", "password": "bad", "device": device}


def test_a_redirect_is_not_followed(loop: Loopback, client: ApiClient) -> None:
    loop.on("GET", "/meta", Reply(302, None, headers={"Location": "http://evil.example/"}, content_type=None))
    with pytest.raises(BadServerResponse):
        client.meta()


def test_attachments_are_checked_against_their_digest(loop: Loopback, signed_in: ApiClient) -> None:
    digest = hashlib.sha256(samples.PNG).hexdigest()
    loop.on("GET", "/attachments/a_1",
            Reply(200, samples.PNG, headers={"ETag": f'"{digest}"'}, content_type="image/png"),
            Reply(200, samples.PNG + b"x", headers={"ETag": f'"{digest}"'}, content_type="image/png"),
            Reply(200, samples.PNG, content_type="image/png"))
    assert signed_in.attachment("a_1", digest) == samples.PNG
    with pytest.raises(BadServerResponse, match="digest"):
        signed_in.attachment("a_1")
    with pytest.raises(BadServerResponse, match="digest"):
        signed_in.attachment("a_1", "0" * 64)  # no ETag; the metadata's digest does not match


def test_an_oversized_answer_is_refused(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/attachments/a_2", Reply(200, b"x" * 5000, content_type="image/png"))
    with pytest.raises(BadServerResponse, match="larger"):
        signed_in.attachment("a_2", max_bytes=1000)


def test_only_http_urls_are_accepted(auth: AuthState) -> None:
    for url in ("ftp://server/v1", "file:///etc/passwd", "server/v1"):
        with pytest.raises(ValueError):
            ApiClient(url, auth)
