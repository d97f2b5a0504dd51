"""A long poll the server is holding is broken off at once when its CancelToken is cancelled.

Without this, closing the window or stopping sync waits for the server's answer (up to 30 s). The waits below
are far shorter than the 25 s poll: a thread still alive after them means the cancel did not cut the request.
"""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.support.private_ca import make_pki
from tests.unit.sync import samples
from tests.unit.sync.loopback import Loopback, Reply, stall
from triage_desktop.core.errors import Cancelled
from triage_desktop.core.ports import CancelToken
from triage_desktop.sync.auth import AuthState, Tokens
from triage_desktop.sync.http import ApiClient, make_session

POLL = 25  # seconds the server may hold the request, as the window asks


def poll_in_thread(client: ApiClient, cancel: CancelToken) -> tuple[threading.Thread, list[BaseException]]:
    raised: list[BaseException] = []

    def run() -> None:
        try:
            client.changes("c0", wait=POLL, cancel=cancel)
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, raised


def cancel_while_held(loop: Loopback, client: ApiClient) -> list[BaseException]:
    loop.on("GET", "/changes", stall(loop))
    cancel = CancelToken()
    thread, raised = poll_in_thread(client, cancel)
    while not loop.seen and thread.is_alive():  # held by the server from here on
        thread.join(0.01)
    cancel.cancel()
    thread.join(5)
    assert not thread.is_alive(), "the long poll was not broken off"
    return raised


def answer_when(event: threading.Event, body: object) -> Callable[[BaseHTTPRequestHandler], None]:
    """A raw reply that holds the request until `event` is set, then answers 200 with `body` as JSON."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        event.wait(10)
        data = json.dumps(body).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return write


@pytest.fixture
def signed_in(client: ApiClient, auth: AuthState) -> ApiClient:
    auth.accept(Tokens("acc-0", "ref-0", 900))
    return client


def test_cancelling_breaks_off_a_held_long_poll(loop: Loopback, signed_in: ApiClient) -> None:
    assert [type(exc) for exc in cancel_while_held(loop, signed_in)] == [Cancelled]


def test_a_poll_cancelled_before_it_starts_never_waits(loop: Loopback, signed_in: ApiClient) -> None:
    loop.on("GET", "/changes", stall(loop))
    cancel = CancelToken()
    cancel.cancel()
    thread, raised = poll_in_thread(signed_in, cancel)
    thread.join(5)
    assert not thread.is_alive() and [type(exc) for exc in raised] == [Cancelled]


def test_a_late_cancel_leaves_the_kept_alive_connection_alone(loop: Loopback, signed_in: ApiClient) -> None:
    """After its answer the poll's connection goes back to the pool, and the next request (here another
    thread's, held by the server) reuses it. Cancelling the finished poll then must not cut that request."""
    loop.on("GET", "/changes", Reply(200, samples.page()))
    cancel = CancelToken()
    signed_in.changes("c0", wait=POLL, cancel=cancel)
    answer = threading.Event()
    loop.on("GET", "/changes", Reply(raw=answer_when(answer, samples.page())))
    thread, raised = poll_in_thread(signed_in, CancelToken())
    while len(loop.seen) < 2 and thread.is_alive():
        thread.join(0.01)
    cancel.cancel()
    answer.set()
    thread.join(5)
    assert not thread.is_alive() and raised == []


def test_the_client_works_on_after_a_cancel(loop: Loopback, signed_in: ApiClient) -> None:
    cancel_while_held(loop, signed_in)
    loop.on("GET", "/changes", Reply(200, samples.page()))
    assert signed_in.changes("c0", wait=POLL, cancel=CancelToken()).more is False


def test_cancelling_breaks_off_a_long_poll_over_tls(tmp_path: Path, auth: AuthState) -> None:
    ca_pem, cert_pem, key_pem = make_pki(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_pem, key_pem)
    with Loopback(tls=context) as server:
        auth.accept(Tokens("acc-0", "ref-0", 900))
        client = ApiClient(server.url, auth, session=make_session(ca_bundle=str(ca_pem)))
        try:
            assert [type(exc) for exc in cancel_while_held(server, client)] == [Cancelled]
        finally:
            client.close()
