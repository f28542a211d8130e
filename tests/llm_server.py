"""A small scripted OpenAI-compatible HTTP server for tests and the benchmark.

It serves `POST /v1/chat/completions` (and `/chat/completions`) on 127.0.0.1, answers from
a queue of scripted replies and records every request it received, so the real `openai`
client, its HTTP stack, our retries and timeouts are exercised without patching anything.

    server = ScriptedServer().start()
    server.push(Reply.chat({"questions": [...], "exemptions": [], "issues": []}))
    server.push(Reply(status=429, headers={"retry-after": "0"}, body={"error": {...}}))
    ... OPENAI_BASE_URL=server.base_url ...
    server.requests  # the JSON bodies received, in order
    server.stop()

When the queue is empty, `default` answers (a 500 unless set). `delay` on a reply sleeps
before answering (timeouts); `latency` adds the same delay to every reply (the benchmark).
The server is threaded, so concurrent requests are served concurrently.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class InFlight:
    """A reply function that counts the requests the server holds at once: `peak` is the most.
    Overlap is measured this way rather than by wall time, which a busy machine stretches."""

    def __init__(self, answer: Callable[[], Reply], hold: float) -> None:
        self._answer, self._hold = answer, hold
        self._lock = threading.Lock()
        self._now = 0
        self.peak = 0

    def __call__(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            self._now += 1
            self.peak = max(self.peak, self._now)
        time.sleep(self._hold)
        with self._lock:
            self._now -= 1
        return self._answer()


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-serialisable, or raw bytes/str sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    @classmethod
    def chat(cls, content: Any, finish_reason: str = "stop", refusal: str | None = None, **kw: Any) -> Reply:
        """A chat-completion reply whose message content is `content` (JSON-encoded unless a str)."""
        text = content if isinstance(content, str) else json.dumps(content)
        return cls(body=completion(text, finish_reason=finish_reason, refusal=refusal), **kw)

    @classmethod
    def error(cls, status: int, message: str = "scripted error", headers: dict[str, str] | None = None) -> Reply:
        return cls(status=status, body={"error": {"message": message, "type": "scripted", "code": None}}, headers=headers or {})


def completion(content: str | None, finish_reason: str = "stop", refusal: str | None = None) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "scripted-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


class ScriptedServer:
    def __init__(self, latency: float = 0.0) -> None:
        self.replies: deque[Reply | Callable[[dict[str, Any]], Reply]] = deque()
        self.requests: list[dict[str, Any]] = []
        self.raw_requests: list[bytes] = []
        self.headers: list[dict[str, str]] = []
        self.default: Reply | Callable[[dict[str, Any]], Reply] = Reply.error(500, "no scripted reply left")
        self.latency = latency
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting ---------------------------------------------------------------------------
    def push(self, *replies: Reply | Callable[[dict[str, Any]], Reply]) -> None:
        with self._lock:
            self.replies.extend(replies)

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            item = self.replies.popleft() if self.replies else self.default
        return item(body) if callable(item) else item

    # -- life cycle --------------------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._httpd is not None
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ScriptedServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
                    self._send(Reply.error(404, f"no route {self.path}"))
                    return
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                with server._lock:
                    server.requests.append(body)
                    server.raw_requests.append(raw)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = server._next(body)
                wait = reply.delay + server.latency
                if wait:
                    time.sleep(wait)
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                if isinstance(reply.body, bytes):
                    data = reply.body
                elif isinstance(reply.body, str):
                    data = reply.body.encode()
                else:
                    data = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 128
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="scripted-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":  # a manual server for trying the CLI by hand: replies "no findings"
    import sys

    srv = ScriptedServer()
    srv.default = Reply.chat({"questions": [], "exemptions": [], "issues": []})
    srv.start()
    print(f"OPENAI_BASE_URL={srv.base_url}", file=sys.stderr)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        srv.stop()
