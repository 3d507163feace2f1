"""Running the app: uvicorn on one host and port, in the foreground (``serve``) or a thread (tests, bench).

``running`` starts a server on a free port of 127.0.0.1 in a background thread, waits until it
accepts connections, yields its URL and always stops it: tests and the load bench use it, so a
failing test never leaves a server behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import socket
import threading
import time
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path

import uvicorn

from ..errors import OutputError
from ..messages import t
from .app import create_app

LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


def is_local(host: str) -> bool:
    """True when ``host`` only listens on this machine (loopback)."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _config(root: Path, host: str, port: int, today: Callable[[], dt.date]) -> uvicorn.Config:
    root = Path(root)
    if not root.is_dir():
        raise OutputError(f"{root}: " + t("serve_no_folder"))
    return uvicorn.Config(create_app(root, today=today), host=host, port=port, log_level="warning",
                          access_log=False, lifespan="off", limit_concurrency=200, timeout_keep_alive=5)


def serve(root: Path, host: str, port: int, *, open_browser: bool, today: Callable[[], dt.date],
          announce: Callable[[str], None], warn: Callable[[str], None]) -> None:
    """Serve the workspace until Ctrl+C; ``announce``/``warn`` print (only the CLI prints)."""
    server = uvicorn.Server(_config(root, host, port, today))
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if not is_local(host):
        warn(t("serve_public", host=host))
    announce(t("serve_listening", url=url))
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    server.run()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(root: Path, today: Callable[[], dt.date] = dt.date.today, timeout: float = 30.0) -> Iterator[str]:
    """A server for ``root`` on 127.0.0.1 and a free port, in a thread; yields its base URL; always stopped."""
    port = free_port()
    server = uvicorn.Server(_config(root, "127.0.0.1", port, today))
    thread = threading.Thread(target=server.run, name="dispatch-gen-serve", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"server on port {port} did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
