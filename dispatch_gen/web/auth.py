"""The clerk's login: one password per workspace, set at first start, kept only as a scrypt hash.

The record lives in the workspace state, ``<workspace>/.dispatch-gen/web-login.json``, written
create-only (``output.write_new``): a second "first start" cannot replace a password already set.
Sessions are signed cookies (Starlette's ``SessionMiddleware``, a fresh key per server start, so a
restart logs everybody out) carrying the login time, the last request time and a CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from pathlib import Path

from .. import output
from ..case.records import STATE_DIR
from ..text import nfc

LOGIN_FILE = "web-login.json"
MIN_PASSWORD = 8
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB, ~50 ms: slow for guessing, quick for one login
IDLE_SECONDS = 30 * 60  # a session unused this long is over
MAX_SECONDS = 8 * 3600  # a working day, then log in again


def login_path(root: Path) -> Path:
    return output.inside(root, STATE_DIR, LOGIN_FILE)


def hash_password(password: str, salt: bytes | None = None) -> dict:
    """A storable record of ``password`` (NFC): scrypt with a random salt and its parameters.

    NFC: a Vietnamese password typed with precomposed letters on one keyboard and combining marks on
    another (Unikey's two Unicode modes) is the same password.
    """
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(nfc(password).encode("utf-8"), salt=salt, **SCRYPT, dklen=32)
    return {"algorithm": "scrypt", **SCRYPT, "salt": salt.hex(), "hash": digest.hex()}


def verify_password(password: str, record: dict) -> bool:
    """True when ``password`` matches ``record`` (constant-time comparison), typed in either Unicode form
    (as typed too: a record hashed before NFC was applied)."""
    return any(_matches(candidate, record) for candidate in dict.fromkeys((nfc(password), password)))


def _matches(password: str, record: dict) -> bool:
    try:
        digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(record["salt"]), n=record["n"],
                                r=record["r"], p=record["p"], dklen=32)
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), record.get("hash", ""))


def load_login(root: Path) -> dict | None:
    """The stored password record, or None before the first start."""
    path = login_path(root)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def set_password(root: Path, password: str) -> bool:
    """Store the first password; False when one is already set (it is never overwritten here)."""
    path = login_path(root)
    output.ensure_dir(path.parent)
    return output.write_new(path, json.dumps(hash_password(password)).encode("utf-8"))


def password_problem(password: str, repeat: str) -> str | None:
    """Message key of what is wrong with a new password, or None."""
    if len(nfc(password)) < MIN_PASSWORD:
        return "web_password_short"
    if nfc(password) != nfc(repeat):
        return "web_password_mismatch"
    return None


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same_token(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected).encode(), str(given).encode())


def session_alive(session: dict, now: float | None = None) -> bool:
    """True while a logged-in session is within its idle and absolute limits."""
    now = time.time() if now is None else now
    start, seen = session.get("login_at"), session.get("seen_at")
    if not isinstance(start, (int, float)) or not isinstance(seen, (int, float)):
        return False
    return now - seen <= IDLE_SECONDS and now - start <= MAX_SECONDS


class Logins:
    """The logins this server has opened and not closed: a session cookie must name one of them.

    Sessions live in signed cookies; without this list, a copy of the cookie taken before «Đăng xuất»
    would stay good until it expires. In memory: a restart ends every login anyway (a new signing key).
    """

    def __init__(self, clock=time.time):
        self.clock = clock
        self._open: dict[str, float] = {}
        self._lock = threading.Lock()

    def open(self) -> str:
        """A new login's id (logins older than a working day are forgotten on the way)."""
        with self._lock:
            now = self.clock()
            self._open = {k: at for k, at in self._open.items() if now - at <= MAX_SECONDS}
            login = new_token()
            self._open[login] = now
            return login

    def is_open(self, login) -> bool:
        with self._lock:
            return isinstance(login, str) and login in self._open

    def close(self, login) -> None:
        with self._lock:
            self._open.pop(login, None)


class Throttle:
    """Failed logins per client: after ``limit`` failures within ``window`` seconds, wait out the window.

    In memory (one server process): a password guesser gets ``limit`` tries per window, a clerk who
    mistypes a few times is not locked out for long. A success clears the client's count.
    """

    def __init__(self, limit: int = 5, window: float = 300.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds the client must still wait before trying again (0: it may try now)."""
        with self._lock:
            return self._wait(client)

    def attempt(self, client: str) -> float:
        """Like ``wait``, and when the client may try, count the try now (a success clears it).

        Checked and counted at once: guesses sent in parallel cannot all pass before one has failed.
        """
        with self._lock:
            wait = self._wait(client)
            if not wait:
                self._fails.setdefault(client, []).append(self.clock())
            return wait

    def _wait(self, client: str) -> float:
        now = self.clock()
        recent = [t for t in self._fails.pop(client, []) if now - t < self.window]
        if recent:  # clients with nothing recent are forgotten: the table does not grow with every address
            self._fails[client] = recent
        return self.window - (now - recent[0]) if len(recent) >= self.limit else 0.0

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._fails.pop(client, None)
