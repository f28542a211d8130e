"""Where a review's time goes: milliseconds per review for each stage of the pipeline.

    python bench/bench_phases.py [--pairs 500] [--repeat 3]

Runs the stages of `reviewer.pipeline.review_documents` one by one on generated 5-10 KB drafts
(bench/generate.py) and prints CPU time per review for each, best of `--repeat` runs (the
build machine is shared, so the minimum is the most repeatable figure). Use it to decide what
to speed up; `bench/bench_core.py` gives the end-to-end figure the README quotes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from reviewer.analysis.alignment import align  # noqa: E402
from reviewer.analysis.citations import detect_regime, find_citations  # noqa: E402
from reviewer.analysis.exemption_assessment import assess_exemptions  # noqa: E402
from reviewer.analysis.refusal import detect_refusal_notice  # noqa: E402
from reviewer.analysis.request import parse_request  # noqa: E402
from reviewer.checks import CHECKS  # noqa: E402
from reviewer.core.document import Document, Span  # noqa: E402
from reviewer.core.model import ReviewContext  # noqa: E402
from reviewer.pipeline import review_texts  # noqa: E402


def one_run(pairs: list[Any]) -> tuple[dict[str, float], float]:
    spent: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        out = fn(*args, **kwargs)
        spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return out

    start = time.process_time()
    for p in pairs:
        response, request = Document(p.response, "response"), Document(p.request, "request")
        req_span, resp_span = Span(0, len(request.text)), Span(0, len(response.text))
        regime, explicit = timed("detect regime", detect_regime, response.text)
        citations = timed("find citations", find_citations, response.text, 0, len(response.text), default_regime=regime)
        questions = timed("parse request", parse_request, request.text, req_span, answers_inline=False)
        answers = timed("align answers", align, questions, request, req_span, response, resp_span, citations)
        facts = ReviewContext(
            request=request, response=response, request_span=req_span, response_span=resp_span,
            questions=questions, answers=answers, citations=citations, regime=regime,
            regime_explicit=explicit, allow_contacts=(), staff=None,
        )
        exemptions = timed("assess exemptions", assess_exemptions, facts)
        required = any(a.status.is_refusal for a in answers) or bool(exemptions)
        notice = timed("refusal notice", detect_refusal_notice, facts, required)
        ctx = replace(facts, exemptions=exemptions, refusal_notice=notice)
        for name, fn in CHECKS:
            timed(f"check {name}", lambda c, fn=fn: list(fn(c)), ctx)
    return spent, time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    pairs = generate(a.pairs)
    review_texts(pairs[0].request, pairs[0].response)  # warm up: regexes, law tables
    runs = [one_run(pairs) for _ in range(a.repeat)]
    best = {k: min(r[0][k] for r in runs) for k in runs[0][0]}
    total = min(r[1] for r in runs)
    for name, secs in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{name:28s} {secs * 1000 / a.pairs:7.3f} ms/review")
    print(f"{'all stages':28s} {total * 1000 / a.pairs:7.3f} ms/review  ({a.pairs / total:.0f} reviews/s, one core, CPU time)")


if __name__ == "__main__":
    main()
