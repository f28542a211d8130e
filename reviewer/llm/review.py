"""Orchestrates the model review of one draft or many: plan, send (or dry-run), merge.

    plan_review    pseudonymise the questions, findings and draft, render the prompt, count
                   tokens; split by question groups when the whole does not fit
                   `max_input_tokens`
    run_reviews    for every planned call: the cache, else the client (at most `concurrency`
                   requests in flight across all drafts), then grounding and merge into each
                   `Review`. Failures never raise: they become `llm.failed` and a visible
                   "model review failed: <reason>" note, and the rule-engine result stands.
    dry_run        the calls, their token counts and an estimated cost; sends nothing. With
                   `show_payload`, every message as it would be sent: the planner's own
                   messages, after pseudonymisation, so what is shown is what would leave.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from typing import Any

from reviewer.core.document import Span
from reviewer.core.model import CallStat, Review
from reviewer.llm.cache import Cache, cache_key
from reviewer.llm.failures import LLMError
from reviewer.llm.pseudonymise import Pseudonymiser, build
from reviewer.llm.settings import LLMSettings

NOT_CONFIGURED = "no endpoint configured (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server)"


@dataclass
class Call:
    refs: tuple[str, ...]
    messages: list[dict[str, str]]
    input_tokens: int
    draft_tokens: int
    key: str = ""


@dataclass
class Plan:
    review: Review
    pseudo: Pseudonymiser
    calls: list[Call] = field(default_factory=list)
    error: str | None = None
    encoding: str = ""
    exact: bool = True


def _words(text: str, n: int) -> str:
    """At most n words of text on one line: keeps the prompt overhead small."""
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


def _group_key(ref: str) -> str:
    """Questions 2, 2a, 2.b and 2(i) form one group; B.1..B.5 form group B."""
    m = re.match(r"[A-Za-z]+(?=\.)|\d+|[A-Za-z]+", ref)
    return m.group(0) if m else ref


def _paragraphs(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    pos = start
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        stop = start + m.start()
        if stop > pos:
            out.append(Span(pos, stop))
        pos = start + m.end()
    if pos < end:
        out.append(Span(pos, end))
    return out


class Planner:
    def __init__(self, settings: LLMSettings) -> None:
        from reviewer.llm.prompts import load_prompt
        from reviewer.llm.schema import first_format, response_format, schema_digest
        from reviewer.llm.tokens import Counter

        self.settings = settings
        self.prompt = load_prompt()
        self.counter = Counter.for_model(settings.model)
        self.format = response_format(first_format(settings.response_format))
        self.schema_digest = schema_digest()

    def _messages(self, review: Review, pseudo: Pseudonymiser, refs: list[str], draft: str) -> list[dict[str, str]]:
        ctx = review.context
        by_ref = {a.question.ref: a for a in ctx.answers}
        questions = "\n".join(
            f"[{r}] (rules: {by_ref[r].status.value}) {_words(by_ref[r].question.text, 45)}" for r in refs
        )
        findings = "\n".join(
            f"- {f.rule.code}" + (f" [Q{f.question_ref}]" if f.question_ref else "") + f": {_words(f.message, 16)}"
            for f in review.findings
        )
        exemptions = "\n".join(
            f"- {e.citation.regime.value} {e.citation.citation} {e.short_name or 'unknown'}"
            f" ({'qualified' if e.qualified else 'absolute'}; public interest test: {e.pit.status.value};"
            f" harm explained: {'n/a' if e.harm_explained is None else ('yes' if e.harm_explained else 'no')})"
            for e in ctx.exemptions
        )
        system, user = self.prompt.render(
            regime=ctx.regime.value,
            questions=pseudo.apply(questions) or "(none found)",
            rule_findings=pseudo.apply(findings) or "(none)",
            exemptions=exemptions or "(none)",
            draft=draft,
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _key(self, messages: list[dict[str, str]]) -> str:
        s = self.settings
        return cache_key(
            {
                "model": s.model,
                "endpoint": s.endpoint,
                "prompt": {"label": self.prompt.label, "digest": self.prompt.digest},
                "schema": self.schema_digest,
                "response_format": s.response_format,
                "temperature": s.temperature,
                "seed": s.seed,
                "max_output_tokens": s.max_output_tokens,
                "messages": messages,
            }
        )

    def _call(self, review: Review, pseudo: Pseudonymiser, refs: list[str], draft: str) -> Call:
        messages = self._messages(review, pseudo, refs, draft)
        return Call(
            refs=tuple(refs),
            messages=messages,
            input_tokens=self.counter.count_messages(messages, self.format),
            draft_tokens=self.counter.count(draft),
            key=self._key(messages),
        )

    def plan(self, review: Review) -> Plan:
        ctx = review.context
        text = ctx.response.text
        rs = ctx.response_span
        if self.settings.pseudonymise:
            req = ctx.request.text[ctx.request_span.start : ctx.request_span.end]
            pseudo = build(req, text[rs.start : rs.end])
        else:
            pseudo = Pseudonymiser()
        plan = Plan(review, pseudo, encoding=self.counter.encoding, exact=self.counter.exact)
        refs = [a.question.ref for a in ctx.answers]
        whole = self._call(review, pseudo, refs, pseudo.apply(text[rs.start : rs.end]))
        budget = self.settings.max_input_tokens
        if whole.input_tokens <= budget:
            plan.calls.append(whole)
            return plan
        # Too long: one call per group of questions, each with the paragraphs that answer
        # it plus the shared ones (exemptions, refusal notice) while they fit.
        groups: dict[str, list[str]] = {}
        for r in refs:
            groups.setdefault(_group_key(r), []).append(r)
        paras = _paragraphs(text, rs.start, rs.end)
        answer_spans = {a.question.ref: a.span for a in ctx.answers if a.span is not None}

        def touches(p: Span, spans: list[Span]) -> bool:
            return any(s.start < p.end and p.start < s.end for s in spans)

        shared = [p for p in paras if not touches(p, list(answer_spans.values()))]

        def make(refs_: list[str], with_shared: bool = True) -> Call | None:
            own = [p for p in paras if touches(p, [answer_spans[r] for r in refs_ if r in answer_spans])]
            chosen = sorted({*own, *(shared if with_shared else [])}, key=lambda p: p.start)
            draft = "\n\n".join(pseudo.apply(text[p.start : p.end]) for p in chosen)
            call = self._call(review, pseudo, refs_, draft)
            return call if call.input_tokens <= budget else None

        # Pack whole groups greedily into as few calls as fit.
        current: list[str] = []
        current_call: Call | None = None
        for group in groups.values():
            trial = make(current + group) if current else None
            if trial is not None:
                current, current_call = current + group, trial
                continue
            if current_call is not None:
                plan.calls.append(current_call)
            # A group that does not fit with the shared paragraphs (exemptions, refusal
            # notice) is sent with its own answers only; quotes are still verified against
            # the whole draft.
            alone = make(group) or make(group, with_shared=False)
            if alone is None:
                plan.error = f"draft too long for --max-input-tokens {budget}, even for questions {', '.join(group)} alone"
                plan.calls = []
                return plan
            current, current_call = list(group), alone
        if current_call is not None:
            plan.calls.append(current_call)
        return plan


def _start_info(review: Review, settings: LLMSettings, plan: Plan | None, label: str | None) -> None:
    info = review.llm
    info.requested = True
    info.model = settings.model
    info.endpoint = settings.endpoint_host
    info.prompt_version = label
    info.pseudonymised = settings.pseudonymise
    if plan is not None:
        info.placeholders = plan.pseudo.count
        info.calls = len(plan.calls)
        info.input_tokens = sum(c.input_tokens for c in plan.calls)
        info.tokens_exact = plan.exact


def _fail(review: Review, reason: str) -> None:
    review.llm.failed = reason
    review.llm.used = False
    review.notes.append(f"model review failed: {reason}")


def mark_not_configured(reviews: list[Review], settings: LLMSettings) -> None:
    for r in reviews:
        _start_info(r, settings, None, None)
        r.llm.failed = NOT_CONFIGURED
        r.notes.append(f"model review off: {NOT_CONFIGURED}; rule engine only, nothing was sent")


async def _review_one(
    plan: Plan, settings: LLMSettings, client: Any, cache: Cache | None, sem: asyncio.Semaphore
) -> None:
    from reviewer.llm.grounding import Merger
    from reviewer.llm.schema import OutputError, parse_output

    review = plan.review
    if plan.error:
        _fail(review, plan.error)
        return
    merger = Merger(review, plan.pseudo)
    hits = 0
    try:
        for call in plan.calls:
            answer = None
            if cache is not None:
                entry = cache.get(call.key)
                if entry is not None:
                    try:
                        answer = parse_output(entry["content"])
                        hits += 1
                        review.llm.per_call.append(CallStat(call.refs, 0.0, None, None, cached=True))
                    except OutputError:
                        answer = None
            if answer is None:
                async with sem:
                    started = time.perf_counter()
                    try:
                        done = await client.acomplete(call.messages)
                    except LLMError as err:
                        seconds = round(time.perf_counter() - started, 3)
                        review.llm.per_call.append(CallStat(call.refs, seconds, None, None, failed=err.reason))
                        raise
                answer = done.review
                review.llm.output_tokens += done.output_tokens or 0
                review.llm.response_format = done.format
                review.llm.per_call.append(
                    CallStat(call.refs, done.seconds, done.input_tokens, done.output_tokens, response_format=done.format)
                )
                if cache is not None:
                    cache.put(call.key, done.content, {"model": settings.model, "prompt": plan.review.llm.prompt_version})
            merger.apply(answer, call.refs)
    except LLMError as err:
        _fail(review, err.reason)
        return
    merger.finish()
    review.llm.used = True
    review.llm.cache_hits = hits
    review.llm.cached = hits == len(plan.calls) and hits > 0
    if review.llm.dropped_claims:
        n = len(review.llm.dropped_claims)
        review.notes.append(f"model review: {n} claim(s) dropped (quote not verified or not allowed)")


async def arun_reviews(reviews: list[Review], settings: LLMSettings) -> None:
    """Model-review every draft in place. Never raises for model trouble."""
    if not settings.configured:
        mark_not_configured(reviews, settings)
        return
    from reviewer.llm.client import ModelClient
    from reviewer.llm.prompts import PromptError
    from reviewer.llm.tokens import EncodingError

    try:
        planner = Planner(settings)
    except (PromptError, EncodingError) as exc:
        for r in reviews:
            _start_info(r, settings, None, None)
            _fail(r, str(exc))
        return
    plans = [planner.plan(r) for r in reviews]
    for p in plans:
        _start_info(p.review, settings, p, planner.prompt.label)
    use_cache = settings.use_cache and settings.pseudonymise
    cache = Cache(settings.cache_dir) if use_cache else None
    client = ModelClient(settings)
    sem = asyncio.Semaphore(max(1, settings.concurrency))
    try:
        await asyncio.gather(*(_review_one(p, settings, client, cache, sem) for p in plans))
    finally:
        await client.aclose()
    for r in reviews:
        if client.fallback and r.llm.calls:
            r.notes.append(f"model review: {client.fallback}")
        if not settings.pseudonymise:
            r.notes.append("model review: pseudonymisation turned OFF (--no-pseudonymise): personal data was sent as written; cache not used")
        if cache is not None:
            r.llm.warnings.extend(cache.warnings)
            r.notes.extend(f"warning: {w}" for w in cache.warnings)


def run_reviews(reviews: list[Review], settings: LLMSettings) -> None:
    asyncio.run(arun_reviews(reviews, settings))


def payload_lines(call: Call, number: int) -> list[str]:
    """One call's messages exactly as they would be sent, each under a labelled rule."""
    lines = []
    for m in call.messages:
        lines.append(f"--- call {number}, {m['role']} message ---")
        lines.append(m["content"])
    lines.append(f"--- end of call {number} ---")
    return lines


def dry_run(reviews: list[Review], settings: LLMSettings, show_payload: bool = False) -> str:
    """What a model review would send: calls, tokens and estimated cost (and, with
    `show_payload`, every message as sent, after pseudonymisation). Sends nothing."""
    from reviewer.llm.tokens import price_for

    planner = Planner(settings)
    price = price_for(settings.model)
    cache = Cache(settings.cache_dir) if settings.use_cache and settings.pseudonymise else None
    lines = [
        f"dry run: model {settings.model} at {settings.endpoint_host}, prompt {planner.prompt.label}, "
        f"tokenizer {planner.counter.encoding}{'' if planner.counter.exact else ' (approximate: model unknown to tiktoken)'}, "
        f"pseudonymisation {'on' if settings.pseudonymise else 'OFF'}; nothing is sent"
    ]
    total_in = total_calls = 0
    for r in reviews:
        plan = planner.plan(r)
        name = r.context.response.source
        if plan.error:
            lines.append(f"{name}: cannot be sent: {plan.error}")
            continue
        lines.append(f"{name}: {len(plan.calls)} call(s), {plan.pseudo.count} personal value(s) replaced")
        for i, c in enumerate(plan.calls, 1):
            cached = cache is not None and cache.get(c.key) is not None
            lines.append(
                f"  call {i}: questions {', '.join(c.refs) or '-'}: {c.input_tokens} input tokens "
                f"({c.draft_tokens} draft + {c.input_tokens - c.draft_tokens} prompt, questions and findings), "
                f"up to {settings.max_output_tokens} output" + ("  [cached: costs nothing]" if cached else "")
            )
            if show_payload:
                lines.extend(payload_lines(c, i))
            if not cached:
                total_in += c.input_tokens
                total_calls += 1
    out_max = total_calls * settings.max_output_tokens
    if price is None:
        cost = "cost unknown (model not in the price table; see FOI_REVIEW_PRICES)"
    else:
        cost = (
            f"estimated cost ${price.cost(total_in, 0):.4f} input + up to ${price.cost(0, out_max):.4f} output "
            f"(prices for '{price.model_key}' per million tokens: ${price.input_per_million:g} in, ${price.output_per_million:g} out)"
        )
    lines.append(f"total: {total_calls} call(s) to send, {total_in} input tokens, up to {out_max} output tokens; {cost}")
    return "\n".join(lines) + "\n"


def payload(reviews: list[Review], settings: LLMSettings) -> str:
    """Every message the model review of `reviews` would send, filled and pseudonymised, as
    it would leave the machine (`foi-review prompts review REQUEST DRAFT`). Sends nothing."""
    planner = Planner(settings)
    lines = []
    for r in reviews:
        plan = planner.plan(r)
        head = f"# {planner.prompt.label} as sent for {r.context.response.source}"
        head += f" (pseudonymisation {'on' if settings.pseudonymise else 'OFF'}: {plan.pseudo.count} personal value(s) replaced)"
        lines.append(head)
        if plan.error:
            lines.append(f"cannot be sent: {plan.error}")
        for i, c in enumerate(plan.calls, 1):
            lines.extend(payload_lines(c, i))
    return "\n".join(lines) + "\n"
