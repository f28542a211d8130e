"""Run `foi-review serve` as a user would (a separate process on a free loopback port) and
talk to it with the standard library: GET, multipart POST, any Host header."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


class Serve:
    def __init__(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reviewer", "serve", "--port", "0", "--no-browser", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, cwd=cwd,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise AssertionError(f"serve did not start: {line!r} {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.port = int(m.group(1))
        self.url = m.group(0)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            res = conn.getresponse()
            return Answer(res.status, {k.lower(): v for k, v in res.getheaders()}, res.read().decode("utf-8", "replace"))
        finally:
            conn.close()

    def get(self, path: str = "/", host: str | None = None) -> Answer:
        return self.request("GET", path, headers={"Host": host} if host else None)

    def token(self) -> str:
        m = re.search(r'name="csrf" value="([^"]+)"', self.get("/").body)
        assert m, "no session token in the page"
        return m.group(1)

    def post(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        boundary = uuid.uuid4().hex
        parts: list[bytes] = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, data) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        h = {"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})}
        return self.request("POST", path, b"".join(parts), h)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def wait_gone(path: Path, timeout: float = 5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(path.iterdir()):
            return True
        time.sleep(0.05)
    return False


def zip_bomb_docx(folder: Path) -> Path:
    """A real Word file (tests/docbuild.py) carrying a 40 MB run of zeros that compresses to
    kilobytes, made as tests/loaders/test_hostile_inputs.py makes its zip bomb."""
    import io
    import zipfile

    import docbuild

    base = docbuild.docx_from_text(docbuild.RESPONSE, folder / "base.docx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z, zipfile.ZipFile(io.BytesIO(base)) as src:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        z.writestr("word/media/bomb.bin", b"\0" * (40 * 1024 * 1024))
    path = folder / "bomb.docx"
    path.write_bytes(out.getvalue())
    return path
