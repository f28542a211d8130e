"""Model review of many drafts: sequential versus concurrent, against the scripted server.

    .venv/bin/python bench/llm_concurrency.py [--drafts 100] [--concurrency 16] [--latency 0.3]

Starts the scripted OpenAI-compatible server from tests/llm_server.py on 127.0.0.1 with
`--latency` seconds added to every reply, builds `--drafts` distinct drafts (the two seeds
with a numbered reference, so no two share a cache key), reviews them with the real `openai`
client once with one request in flight and once with `--concurrency`, cache off, and prints
wall time, speed-up and tokens per draft (the draft itself, and the prompt overhead on top).
Sends nothing anywhere but 127.0.0.1; stops by itself.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from llm_server import Reply, ScriptedServer  # noqa: E402
from reviewer.core.model import Review  # noqa: E402
from reviewer.llm.review import Planner, run_reviews  # noqa: E402
from reviewer.llm.settings import LLMSettings  # noqa: E402
from reviewer.pipeline import review_texts  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "cases").glob("*/0*_*.txt"))
EMPTY = {"questions": [], "exemptions": [], "issues": []}


def drafts(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return [texts[i % len(texts)].replace("FOI", f"FOI-{i:04d}", 1) for i in range(n)]


def reviews(texts: list[str]) -> list[Review]:
    return [review_texts(None, t) for t in texts]


def timed(texts: list[str], settings: LLMSettings) -> tuple[float, list[Review]]:
    rs = reviews(texts)
    t0 = time.perf_counter()
    run_reviews(rs, settings)
    return time.perf_counter() - t0, rs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drafts", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.3)
    args = ap.parse_args()

    texts = drafts(args.drafts)
    server = ScriptedServer(latency=args.latency).start()
    server.default = Reply.chat(EMPTY)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = {
                "base_url": server.base_url, "api_key": "bench", "model": "gpt-4o-mini",
                "use_cache": False, "cache_dir": Path(tmp), "timeout": 30.0,
            }
            # Warm-up: load the tokenizer once so neither run pays for it.
            Planner(LLMSettings(**base))
            seq, rs = timed(texts, LLMSettings(**base, concurrency=1))
            con, rc = timed(texts, LLMSettings(**base, concurrency=args.concurrency))
    finally:
        server.stop()
    failed = [r.llm.failed for r in (*rs, *rc) if not r.llm.used]
    if failed:
        sys.exit(f"bench: {len(failed)} review(s) failed: {failed[0]}")

    planner = Planner(LLMSettings(base_url="http://127.0.0.1", model="gpt-4o-mini"))
    per_draft: list[tuple[int, int]] = []
    for r in reviews(texts[: len(SEEDS)]):
        plan = planner.plan(r)
        per_draft += [(c.draft_tokens, c.input_tokens - c.draft_tokens) for c in plan.calls]
    template = planner.plan(review_texts(None, "Request\n\n1. x\n\nResponse\n\n1. y\n")).calls[0]
    fixed = template.input_tokens - template.draft_tokens

    print(f"drafts: {args.drafts}, added latency per call: {args.latency * 1000:.0f} ms, requests seen: {len(server.requests)}")
    print(f"sequential (--concurrency 1):   {seq:7.2f} s  ({seq / args.drafts * 1000:.0f} ms/draft)")
    print(f"concurrent (--concurrency {args.concurrency}): {con:7.2f} s  ({con / args.drafts * 1000:.0f} ms/draft)")
    print(f"speed-up: {seq / con:.1f}x (target >= 10x)")
    for seed, (draft, overhead) in zip(SEEDS, per_draft):
        print(f"tokens, {seed.name}: draft {draft}, prompt overhead on top {overhead} (questions and rule findings included), total {draft + overhead}")
    print(f"fixed prompt overhead (system + template + schema + framing, one trivial question): {fixed} tokens (target < 1500)")
    print(f"mean input tokens per draft: {statistics.mean(d + o for d, o in per_draft):.0f}")


if __name__ == "__main__":
    main()
