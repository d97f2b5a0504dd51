"""The urllib3 internals sync/abortable.py overrides are still there and still called as it expects.

abortable.py hooks private methods (`HTTPConnectionPool._make_request` and `_put_conn`) and relies on
attributes (`ConnectionCls`, `pool_classes_by_scheme`, a connection's `sock`). An upgrade may rename or
reshape any of them without notice; the cancel tests in test_abortable would then hang or fail without
saying why. Each check here names what changed, so the fix (or the pin in pyproject.toml) is obvious.
"""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import pytest
import urllib3
from packaging.requirements import Requirement
from packaging.version import Version
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.poolmanager import PoolManager

from tests.unit.sync.loopback import Loopback, Reply
from triage_desktop.core.ports import CancelToken
from triage_desktop.sync import abortable

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"
WHERE = "triage_desktop/sync/abortable.py"


def _pinned() -> Requirement:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    found = [Requirement(line) for line in dependencies if Requirement(line).name == "urllib3"]
    assert found, f"pyproject.toml no longer pins urllib3, which {WHERE} overrides private methods of"
    return found[0]


def _parameters(function: object) -> list[inspect.Parameter]:
    return list(inspect.signature(function).parameters.values())  # type: ignore[arg-type]


def test_the_installed_urllib3_is_the_pinned_one() -> None:
    pin = _pinned()
    assert pin.specifier.contains(Version(urllib3.__version__)), (
        f"urllib3 {urllib3.__version__} is installed, outside {pin.specifier}, the range {WHERE} was checked "
        "against: run these tests on it, then move the pin in pyproject.toml")


@pytest.mark.parametrize("name", ["_make_request", "_put_conn"])
def test_the_pool_methods_abortable_overrides_take_the_connection_first(name: str) -> None:
    method = getattr(HTTPConnectionPool, name, None)
    assert callable(method), f"urllib3 {urllib3.__version__}: HTTPConnectionPool.{name} is gone ({WHERE} overrides it)"
    params = _parameters(method)
    assert [p.name for p in params[:2]] == ["self", "conn"] and params[1].kind is params[1].POSITIONAL_OR_KEYWORD, (
        f"urllib3 {urllib3.__version__}: HTTPConnectionPool.{name}{inspect.signature(method)} no longer takes the "
        f"connection as its first argument ({WHERE} reads it from there)")


@pytest.mark.parametrize("connection_class", [HTTPConnection, HTTPSConnection])
def test_connections_connect_without_arguments_and_keep_their_socket_in_sock(connection_class: type) -> None:
    assert [p.name for p in _parameters(connection_class.connect)] == ["self"], (
        f"urllib3 {urllib3.__version__}: {connection_class.__name__}.connect"
        f"{inspect.signature(connection_class.connect)} changed ({WHERE} overrides it as connect(self))")
    connection = connection_class("127.0.0.1", 9)
    assert "sock" in dir(connection) and connection.sock is None, (
        f"urllib3 {urllib3.__version__}: an unconnected {connection_class.__name__} has no `sock` of None "
        f"({WHERE} shuts that socket down to cancel)")
    connection._triage_scope = None  # abortable marks connections with their scope
    del connection._triage_scope


def test_pools_make_their_connections_from_connection_cls() -> None:
    for scheme, pool_class in abortable.POOL_CLASSES.items():
        connection = pool_class("127.0.0.1", 9)._new_conn()
        assert isinstance(connection, pool_class.ConnectionCls), (
            f"urllib3 {urllib3.__version__}: a {scheme} pool no longer builds its connections from ConnectionCls "
            f"({WHERE} sets it to the abortable connection)")


def test_the_pool_manager_picks_pools_from_pool_classes_by_scheme() -> None:
    manager = PoolManager()
    manager.pool_classes_by_scheme = abortable.POOL_CLASSES
    for scheme, pool_class in abortable.POOL_CLASSES.items():
        pool = manager.connection_from_url(f"{scheme}://127.0.0.1:9/")
        assert type(pool) is pool_class, (
            f"urllib3 {urllib3.__version__}: PoolManager ignores pool_classes_by_scheme for {scheme} "
            f"(sync/http.py sets it so every request is abortable)")


def _cut(pool: HTTPConnectionPool, cancel: CancelToken) -> bool:
    """Whether a GET under `abortable(cancel)` failed on the wire."""
    with abortable.abortable(cancel):
        try:
            pool.urlopen("GET", "/v1/ping", retries=False)
        except urllib3.exceptions.HTTPError:
            return True
    return False


def test_the_hooks_are_called_on_a_real_request() -> None:
    """A fresh connection goes through connect(), a kept-alive one through _make_request(), and each is let go
    of in _put_conn(): shown by a cancel made before the request, which only the hooks can act on."""
    cancelled = CancelToken()
    cancelled.cancel()
    with Loopback() as server:
        server.on("GET", "/ping", Reply(body={"ok": True}))
        host, port = server.url.split("//")[1].split("/")[0].split(":")
        pool = abortable.AbortableHTTPPool(host, int(port), maxsize=1, block=True)
        assert _cut(pool, cancelled) and not server.requests_to("/ping"), (
            f"urllib3 {urllib3.__version__}: a cancelled request on a fresh connection was not cut "
            f"(the connect() hook of {WHERE} did not run)")
        assert not _cut(pool, CancelToken())
        kept = pool.pool.queue[-1]  # type: ignore[union-attr]
        assert kept is not None and kept.sock is not None and "_triage_scope" not in vars(kept), (
            f"urllib3 {urllib3.__version__}: a connection went back to the pool still marked with its scope "
            f"(the _put_conn() hook of {WHERE} did not run)")
        assert _cut(pool, cancelled) and len(server.requests_to("/ping")) == 1, (
            f"urllib3 {urllib3.__version__}: a cancelled request on a kept-alive connection was not cut "
            f"(the _make_request() hook of {WHERE} did not run)")
        pool.close()
