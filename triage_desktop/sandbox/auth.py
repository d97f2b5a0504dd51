"""Accounts and tokens (central-api.md §2): login with lockout, rotating refresh tokens, expiring access tokens.

Only hashes of passwords and tokens are stored, as a real server would; the sandbox's own database
must not become a place where secrets sit in clear text either.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from triage_desktop.sandbox.rules import Problem
from triage_desktop.sandbox.store import Store, dumps

REFRESH_TTL = 30 * 24 * 3600  # refresh tokens live 30 days (an officer may be offline over a long holiday)
LOCK_AFTER = 5  # consecutive failures for one username
LOCK_SECONDS = 15 * 60
_ITERATIONS = 20_000  # a sandbox: enough to be a real KDF, cheap enough for tests that log in often


def _password_hash(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, _ITERATIONS)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _user_json(row: tuple[Any, ...]) -> dict[str, Any]:
    return {"id": row[0], "username": row[1], "full_name": row[2], "unit_id": row[3], "roles": json.loads(row[4])}


def unauthorized(detail: str) -> Problem:
    return Problem(401, "unauthorized", detail)


class Auth:
    def __init__(self, store: Store, access_ttl: int, clock: Callable[[], float] = time.time) -> None:
        self.store, self.access_ttl, self.clock = store, access_ttl, clock
        self.issued: Counter[str] = Counter()  # "login" / "refresh": token pairs handed out, for tests

    # -- users ---------------------------------------------------------------------------------------
    def add_user(self, conn: sqlite3.Connection, user_id: str, username: str, full_name: str, unit_id: str,
                 roles: list[str], password: str) -> None:
        salt = os.urandom(16)
        conn.execute("INSERT INTO users (id, username, full_name, unit_id, roles, salt, pw_hash) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (user_id, username, full_name, unit_id, dumps(roles), salt, _password_hash(password, salt)))

    def user(self, user_id: str) -> dict[str, Any] | None:
        rows = self.store.query("SELECT id, username, full_name, unit_id, roles FROM users WHERE id = ?", (user_id,))
        return _user_json(rows[0]) if rows else None

    def user_by_name(self, username: str) -> dict[str, Any] | None:
        rows = self.store.query("SELECT id, username, full_name, unit_id, roles FROM users WHERE username = ?",
                                (username,))
        return _user_json(rows[0]) if rows else None

    def members(self, unit_id: str) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT id, username, full_name, unit_id, roles FROM users WHERE unit_id = ? "
                                "ORDER BY id", (unit_id,))
        return [_user_json(r) for r in rows]

    # -- sessions --------------------------------------------------------------------------------------
    def _issue(self, conn: sqlite3.Connection, user_id: str, session: str) -> dict[str, Any]:
        now = self.clock()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(48)
        conn.execute("INSERT INTO tokens (hash, kind, user_id, session, expires_at) VALUES (?, 'access', ?, ?, ?)",
                     (_digest(access), user_id, session, now + self.access_ttl))
        conn.execute("INSERT INTO tokens (hash, kind, user_id, session, expires_at) VALUES (?, 'refresh', ?, ?, ?)",
                     (_digest(refresh), user_id, session, now + REFRESH_TTL))
        return {"access_token": access, "refresh_token": refresh, "expires_in": self.access_ttl,
                "token_type": "Bearer", "user": self.user(user_id)}

    def login(self, username: str, password: str) -> dict[str, Any]:
        with self.store.transaction() as conn:
            row = conn.execute("SELECT id, salt, pw_hash, failures, locked_until FROM users WHERE username = ?",
                               (username,)).fetchone()
            if row is None:
                raise unauthorized("sai tên đăng nhập hoặc mật khẩu")
            user_id, salt, pw_hash, failures, locked_until = row
            now = self.clock()
            if locked_until > now:
                raise Problem(423, "account-locked", "tài khoản tạm khóa do đăng nhập sai nhiều lần",
                              retry_after=int(locked_until - now) + 1)
            if not hmac.compare_digest(_password_hash(password, salt), pw_hash):
                failures += 1
                locked = now + LOCK_SECONDS if failures >= LOCK_AFTER else 0
                conn.execute("UPDATE users SET failures = ?, locked_until = ? WHERE id = ?",
                             (0 if locked else failures, locked, user_id))
                # Commit the counter, then answer 401: raising inside would roll it back.
                answer: dict[str, Any] | None = None
            else:
                conn.execute("UPDATE users SET failures = 0, locked_until = 0 WHERE id = ?", (user_id,))
                answer = self._issue(conn, user_id, secrets.token_hex(8))
        if answer is None:
            raise unauthorized("sai tên đăng nhập hoặc mật khẩu")
        self.issued["login"] += 1
        return answer

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        with self.store.transaction() as conn:
            row = conn.execute("SELECT user_id, session, expires_at, revoked FROM tokens WHERE hash = ? AND "
                               "kind = 'refresh'", (_digest(refresh_token),)).fetchone()
            if row is None or row[3] or row[2] <= self.clock():
                answer = None
            else:
                # Rotation: the old refresh token stops working at once.
                conn.execute("UPDATE tokens SET revoked = 1 WHERE hash = ?", (_digest(refresh_token),))
                answer = self._issue(conn, row[0], row[1])
        if answer is None:
            raise unauthorized("refresh token đã hết hạn, bị thu hồi hoặc đã được thay")
        self.issued["refresh"] += 1
        return answer

    def logout(self, access_token: str) -> None:
        with self.store.transaction() as conn:
            row = conn.execute("SELECT session FROM tokens WHERE hash = ?", (_digest(access_token),)).fetchone()
            if row is not None:
                conn.execute("UPDATE tokens SET revoked = 1 WHERE session = ?", (row[0],))

    def authenticate(self, authorization: str | None) -> tuple[dict[str, Any], str]:
        """The caller's User and access token from an `Authorization: Bearer …` header; raises 401."""
        scheme, _, token = (authorization or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise unauthorized("thiếu access token")
        rows = self.store.query("SELECT user_id, expires_at, revoked FROM tokens WHERE hash = ? AND kind = 'access'",
                                (_digest(token),))
        if not rows or rows[0][2] or rows[0][1] <= self.clock():
            raise unauthorized("access token không hợp lệ hoặc đã hết hạn")
        user = self.user(rows[0][0])
        if user is None:
            raise unauthorized("tài khoản không còn tồn tại")
        return user, token

    def revoke_access_tokens(self) -> None:
        """Every access token handed out so far answers 401 from now on; refresh tokens still work."""
        with self.store.transaction() as conn:
            conn.execute("UPDATE tokens SET revoked = 1 WHERE kind = 'access'")

    def revoke_refresh_tokens(self) -> None:
        with self.store.transaction() as conn:
            conn.execute("UPDATE tokens SET revoked = 1 WHERE kind = 'refresh'")
