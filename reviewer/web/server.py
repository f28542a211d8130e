"""Run the review page: bind, print where it is, open the browser, serve until Ctrl+C.

The socket is bound here, before uvicorn starts, so a port in use is one clear line (not a
log record) and `--port 0` can report the port it was given. The Host names the page answers
to follow from the address bound: loopback names for a loopback address; for any other
address (only with `--allow-remote`) that address and this machine's names too.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
import webbrowser
from typing import TYPE_CHECKING

from reviewer.core.errors import InputError

if TYPE_CHECKING:
    from reviewer.llm.settings import LLMSettings
    from reviewer.pipeline import Options

DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    names = {"127.0.0.1", "localhost", "[::1]"}
    if not is_loopback(host):
        names.add(_url_host(host))
        if host in ("0.0.0.0", "::"):
            names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return frozenset(f"{n}:{port}" for n in names)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket, or InputError with one line saying why not."""
    bind_host = "127.0.0.1" if host == "localhost" else host
    family = socket.AF_INET6 if ":" in bind_host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bind_host, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from None
    return sock


def serve(
    options: Options,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    llm_settings: LLMSettings | None = None,
) -> None:
    import uvicorn

    from reviewer.pipeline import review_texts
    from reviewer.web.app import create_app

    review_texts("1. Do you hold it?", "1. We do not hold it.", options)  # compile the patterns before the first officer waits
    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown = "127.0.0.1" if is_loopback(host) else host
    url = f"http://{_url_host(shown)}:{port}/"
    app = create_app(options, allowed_hosts=allowed_hosts(host, port), llm_settings=llm_settings)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False))
    print(f"foi-review: the review page is at {url} (Ctrl+C to stop)", flush=True)
    if open_browser:

        def open_when_ready() -> None:
            for _ in range(200):
                if server.started:
                    break
                time.sleep(0.05)
            webbrowser.open(url)

        threading.Thread(target=open_when_ready, daemon=True).start()
    server.run(sockets=[sock])
    sys.stdout.flush()
