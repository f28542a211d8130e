"""How long `foi-review serve` takes to review a seed once it is up, against the CLI.

Starts `foi-review serve --port 0 --no-browser`, posts each seed as one combined file N times
(as the page does: multipart with the session token), and prints per seed:

    server    load + review + record, from the answer's Server-Timing header (median, p90)
    request   the whole HTTP round trip: upload, parse, review, render the page (median, p90)
    cli       `foi-review check SEED --format html -o FILE`, whole process (median)

    .venv/bin/python bench/bench_web.py [--runs 50] [--cli-runs 5]

Needs the web extra (pip install 'foi-reviewer[web]').
"""

from __future__ import annotations

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "fixtures" / "cases" / "ons-cctv-suppliers" / "000_9fdd8bb9b74a6a96.txt",
    ROOT / "fixtures" / "cases" / "hwfrs-cctv-maintenance" / "001_2e59bc44238aaadb.txt",
]


def post(port: int, token: str, seed: Path) -> tuple[float, float]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="combined_file"; filename="{seed.name}"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode() + seed.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("POST", "/review", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    res = conn.getresponse()
    res.read()
    wall = time.perf_counter() - started
    conn.close()
    assert res.status == 200, res.status
    m = re.search(r"dur=([\d.]+)", res.getheader("server-timing") or "")
    assert m, "no Server-Timing header"
    return float(m.group(1)) / 1000, wall


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--cli-runs", type=int, default=5, help="runs of the CLI to compare with")
    args = ap.parse_args()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "serve", "--port", "0", "--no-browser"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        m = re.search(r":(\d+)/", proc.stdout.readline())
        assert m, "serve did not start"
        port = int(m.group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        conn.close()
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        assert found
        token = found.group(1)
        print(f"{'seed':34} {'server median':>13} {'p90':>7} {'request median':>15} {'p90':>7} {'cli':>7}")
        for seed in SEEDS:
            post(port, token, seed)  # first one per seed not counted
            server, wall = zip(*(post(port, token, seed) for _ in range(args.runs)))
            cli = []
            with tempfile.TemporaryDirectory() as tmp:
                for _ in range(args.cli_runs):
                    started = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "reviewer", "check", str(seed), "--format", "html", "-o", str(Path(tmp) / "r.html")],
                        capture_output=True, check=False, cwd=ROOT,
                    )
                    cli.append(time.perf_counter() - started)
            print(
                f"{seed.parent.name:34} {statistics.median(server) * 1000:10.1f} ms {pct(list(server), 0.9) * 1000:4.1f} ms"
                f" {statistics.median(wall) * 1000:12.1f} ms {pct(list(wall), 0.9) * 1000:4.1f} ms"
                f" {statistics.median(cli):5.2f} s"
            )
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
