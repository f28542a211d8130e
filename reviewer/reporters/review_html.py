"""`check --format html`: one draft's review as a page an FOI officer reads beside the draft.

Two products share one renderer:

- `render(...)` makes a self-contained file (inline CSS and JavaScript, no external request,
  works from a shared drive). Its own Content-Security-Policy allows nothing but its two
  inline blocks, by hash: even a draft that smuggled markup past the escaping could neither
  run a script nor fetch anything.
- `fragment(...)` is the same review without <html>, styles or scripts; `foi-review serve`
  puts it in its page and serves the CSS and JavaScript (`assets/`) as files, so its
  `default-src 'self'` policy holds.

The draft is shown with every finding's evidence highlighted in place (from the evidence
offsets), each highlight carrying the finding's code as visible text and in its title; a
finding or a question links to its highlight. Personal data (the evidence of personal-data
findings) is masked in the list and in the draft, as in the terminal report, unless
`show_personal_data`. Everything from the draft or the request is escaped here and only here.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from reviewer.reporters.location import where
from reviewer.text.masking import mask

if TYPE_CHECKING:
    from reviewer.core.model import Review

_SEVERITIES = ("error", "warning", "info")
_SEV_WORD = {"error": "Errors", "warning": "Warnings", "info": "Information"}
_VERDICT = {
    "fail": ("FAIL", "not ready to send"),
    "review": ("REVIEW", "a person should look at the warnings"),
    "pass": ("PASS", "no problems found by the rule engine"),
}
_PIT = {"complete": "complete", "incomplete": "incomplete", "missing": "MISSING", "not_required": "not required"}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def asset(name: str) -> str:
    """The text of a shared asset (`review.css`, `review.js`), packaged beside this module."""
    return resources.files("reviewer.reporters").joinpath("assets", name).read_text(encoding="utf-8")


def texts_of(review: Review) -> dict[str, str]:
    """The texts evidence offsets index into, by source name, as the file lays them out."""
    ctx = review.context
    return {ctx.request.source: ctx.request.laid_out, ctx.response.source: ctx.response.laid_out}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    ref: str  # page-wide id of what the highlight belongs to ("r1-f3", "r1-q2")
    label: str  # "RN001 internal-review-not-offered (error)"
    tag: str  # the visible code: "RN001", "Q2"
    severity: str  # error/warning/info, or "q" for a question's answer
    personal: bool  # personal-data evidence: masked unless asked not to


def _valid(ev: Any, text: str) -> bool:
    return isinstance(ev, dict) and isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int) and (
        0 <= ev["start"] < ev["end"] <= len(text)
    )


def _draft_html(text: str, marks: Sequence[_Mark], show_personal_data: bool) -> str:
    """The text with highlights. Boundaries inside a personal-data span are dropped, so such a
    span is one segment and masked whole (a mask of half an address would be no mask)."""
    hidden = [] if show_personal_data else sorted((m.start, m.end) for m in marks if m.personal)
    merged: list[list[int]] = []
    for s, t in hidden:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], t)
        else:
            merged.append([s, t])

    def inside(pos: int) -> bool:
        return any(s < pos < t for s, t in merged)

    cuts = sorted({0, len(text), *(p for m in marks for p in (m.start, m.end) if not inside(p))})
    out: list[str] = []
    tagged: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start < b and m.end > a]
        piece = text[a:b]
        if not covering:
            out.append(_e(piece))
            continue
        for m in covering:
            if m.ref not in tagged:
                tagged.add(m.ref)
                out.append(
                    f'<a class="tag sev-{m.severity}" id="ev-{m.ref}" href="#{m.ref}" '
                    f'title="{_e(m.label)}" aria-label="{_e(m.label)}">{_e(m.tag)}</a>'
                )
        if any(s <= a and b <= t for s, t in merged):
            piece = mask(piece)
        severity = next((s for s in _SEVERITIES if any(m.severity == s for m in covering)), "q")
        labels = "; ".join(m.label for m in covering)
        refs = " ".join(m.ref for m in covering)
        out.append(f'<mark class="hl sev-{severity}" data-refs="{_e(refs)}" title="{_e(labels)}">{_e(piece)}</mark>')
    return "".join(out)


def _status_word(status: str) -> str:
    return status.replace("_", " ")


def fragment(record: Mapping[str, Any], texts: Mapping[str, str], *, show_personal_data: bool = False, prefix: str = "r1") -> str:
    """One review as HTML (no page, no style, no script). `texts` maps a source name to its
    text (`texts_of`); `prefix` keeps ids unique when a page holds several reviews."""
    summary = record["summary"]
    word, meaning = _VERDICT[summary["verdict"]]
    req_src = record["request"]["source"]
    resp_src = record["response"]["source"]
    findings = list(record["findings"])
    # the leaked detail and the officer it belongs to ("person"), masked wherever they appear
    # (a name laid over two lines is quoted on one in a message: both forms are hidden)
    personal_texts = [
        (raw, mask(raw))
        for f in findings
        for part in ("evidence", "person")
        if f["category"] == "personal-data" and f.get(part) and not show_personal_data
        for raw in dict.fromkeys((f[part]["text"], " ".join(f[part]["text"].split())))
    ]

    def hide(text: str) -> str:
        for raw, masked in personal_texts:
            if raw:
                text = text.replace(raw, masked)
        return text

    marks: dict[str, list[_Mark]] = {req_src: [], resp_src: []}

    def place(ev: dict[str, Any] | None, ref: str, label: str, code: str, kind: str, personal: bool) -> str:
        """Highlight `ev` in the file it quotes (the draft unless it names the request);
        the anchor id, or "" when the evidence has no place in the text shown."""
        src = (ev or {}).get("source", resp_src)
        if src not in marks:
            src = resp_src
        if not _valid(ev, texts.get(src, "")):
            return ""
        assert ev is not None
        marks[src].append(_Mark(ev["start"], ev["end"], ref, label, code, kind, personal))
        return ref

    f_ids = [
        place(f.get("evidence"), f"{prefix}-f{i}", f"{f['code']} {f['name']} ({f['severity']})", f["code"], f["severity"],
              f["category"] == "personal-data")
        for i, f in enumerate(findings, 1)
    ]
    for i, f in enumerate(findings, 1):  # the officer's name: masked and tied to the same finding
        if f["category"] == "personal-data" and f.get("person"):
            place(f["person"], f"{prefix}-f{i}", f"{f['code']} {f['name']} ({f['severity']})", f["code"], f["severity"], True)
    q_ids = [
        place(q.get("evidence"), f"{prefix}-q{i}", f"answer to question {q['ref']} ({_status_word(q['status'])})", f"Q{q['ref']}", "q", False)
        for i, q in enumerate(record["questions"], 1)
    ]

    h: list[str] = [f'<article class="review" id="{_e(prefix)}">']
    heading = (
        f"{_e(resp_src)} <span class=\"muted\">against {_e(req_src)}</span>"
        if req_src != resp_src
        else f"{_e(resp_src)} <span class=\"muted\">(request found inside the file)</span>"
    )
    h.append(f'<h2 class="source">{heading} <span class="muted">[{_e(record["regime"])}]</span></h2>')
    counts = f"{summary['errors']} error(s), {summary['warnings']} warning(s), {summary['info']} info"
    h.append(
        f'<p class="verdict verdict-{_e(summary["verdict"])}" role="status"><strong class="word">{word}</strong> '
        f'<span>{_e(counts)}: {_e(meaning)}</span></p>'
    )
    notes = list(record.get("notes", []))
    llm = record.get("llm") or {}
    if llm.get("used"):
        notes.append(
            f"model review: {llm['model']} at {llm['endpoint']}, "
            + ("pseudonymised" if llm["pseudonymised"] else "NOT pseudonymised")
            + f", {llm['added_findings']} finding(s) added, {llm['refined_statuses']} status(es) refined"
        )
    if notes:
        h.append('<ul class="notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>")
    h.append('<div class="panes"><div class="pane-review">')

    # Findings first: they are what the officer has to fix.
    h.append(f'<section class="findings" aria-labelledby="{prefix}-h-findings"><h3 id="{prefix}-h-findings">Findings ({len(findings)})</h3>')
    if not findings:
        h.append('<p class="ok">No findings.</p>')
    for sev in _SEVERITIES:
        group = [(i, f) for i, f in enumerate(findings) if f["severity"] == sev]
        if not group:
            continue
        h.append(f'<h4 class="sev-{sev}">{_SEV_WORD[sev]} ({len(group)})</h4><ol class="finding-list">')
        for i, f in group:
            ref = f"{prefix}-f{i + 1}"
            title = f"<code>{_e(f['code'])}</code> {_e(f['name'])}"
            if f_ids[i]:
                title = f'<a class="goto" href="#ev-{ref}" data-ref="{ref}">{title}</a>'
            extra = f' <span class="muted">question {_e(f["question_ref"])}</span>' if f.get("question_ref") else ""
            if f.get("origin") == "llm":
                extra += ' <span class="muted">(model)</span>'
            if f.get("baseline"):
                extra += f' <span class="muted">(baseline: {_e(f["baseline"])})</span>'
            h.append(
                f'<li class="finding sev-{sev}" id="{ref}" data-code="{_e(f["code"])}">'
                f'<span class="sev-label sev-{sev}">{sev.upper()}</span> {title}{extra}'
                f'<p class="message">{_e(hide(f["message"]))}</p>'
            )
            ev = f.get("evidence")
            if ev:
                if f["category"] == "personal-data" and not show_personal_data:
                    shown = mask(" ".join(ev["text"].split()))
                else:
                    shown = _clip(hide(ev["text"]), 200)  # another finding's excerpt may hold the contact
                loc = where(ev, resp_src) or "the draft"
                h.append(f'<p class="evidence"><span class="muted">{_e(loc)}:</span> \u201c{_e(shown)}\u201d</p>')
            h.append(f'<p class="fix"><span class="muted">Fix:</span> {_e(f["fix"])}</p></li>')
        h.append("</ol>")
    h.append("</section>")

    h.append(f'<section aria-labelledby="{prefix}-h-questions"><h3 id="{prefix}-h-questions">Questions ({len(record["questions"])})</h3>')
    if record["questions"]:
        h.append('<table class="questions"><thead><tr><th scope="col">Ref</th><th scope="col">Question</th>'
                 '<th scope="col">Status</th><th scope="col">Answer in the draft</th></tr></thead><tbody>')
        for i, q in enumerate(record["questions"]):
            status = _status_word(q["status"])
            if q.get("status_origin") == "llm":
                status += f" (model; rules: {_status_word(q['rule_status'])})"
            if q["exemptions"]:
                status += " (" + ", ".join(q["exemptions"]) + ")"
            ev = q.get("evidence")
            if ev:
                answer = f"{where(ev, resp_src) or 'the draft'}: {_clip(hide(ev['text']), 120)}"
                answer_html = f'<a class="goto" href="#ev-{q_ids[i]}" data-ref="{q_ids[i]}">{_e(answer)}</a>' if q_ids[i] else _e(answer)
            else:
                answer_html = f'<span class="muted">{_e(q.get("note") or "")}</span>'
            h.append(
                f'<tr id="{prefix}-q{i + 1}" class="st-{_e(q["status"])}"><td>{_e(q["ref"])}</td><td>{_e(_clip(hide(q["text"]), 240))}</td>'
                f'<td class="status">{_e(status)}</td><td>{answer_html}</td></tr>'
            )
        h.append("</tbody></table>")
    else:
        h.append('<p class="bad">No questions found in the request.</p>')
    h.append("</section>")

    if record["exemptions"]:
        h.append(f'<section aria-labelledby="{prefix}-h-ex"><h3 id="{prefix}-h-ex">Exemptions</h3>')
        h.append('<table class="exemptions"><thead><tr><th scope="col">Citation</th><th scope="col">Exemption</th>'
                 '<th scope="col">Public interest test</th><th scope="col">Harm explained</th><th scope="col">Questions</th></tr></thead><tbody>')
        for x in record["exemptions"]:
            harm = x["harm_explained"]
            harm_text = "n/a" if harm is None else ("yes" if harm else "NO")
            name = x["name"] or ("unknown section" if not x["known"] else "")
            pit = x["public_interest_test"]
            h.append(
                f'<tr><td>{_e(x["regime"])} {_e(x["citation"])}</td><td>{_e(name)}</td>'
                f'<td class="pit-{_e(pit)}">{_e(_PIT.get(pit, pit))}</td><td class="harm-{_e(harm_text.lower())}">{_e(harm_text)}</td>'
                f'<td>{_e(", ".join(x["questions"]) or "-")}</td></tr>'
            )
        h.append("</tbody></table></section>")

    rn = record["refusal_notice"]
    h.append(f'<section aria-labelledby="{prefix}-h-rn"><h3 id="{prefix}-h-rn">Refusal notice</h3>')
    if rn["required"]:
        def part(ok: bool) -> str:
            return '<span class="good">present</span>' if ok else '<span class="bad">MISSING</span>'

        regulator = rn.get("regulator") or "the regulator"
        h.append(
            f'<ul class="refusal"><li>How to ask for an internal review: {part(rn["internal_review"])}</li>'
            f'<li>Right to complain to {_e(regulator)}: {part(rn["regulator_complaint"])}</li></ul>'
        )
    else:
        h.append('<p class="muted">Not needed: nothing is refused or withheld.</p>')
    h.append("</section>")

    suppressed = record.get("suppressed", [])
    if suppressed:
        h.append('<section><h3>Suppressed</h3><ul class="suppressed">')
        for s in suppressed:
            reason = (s.get("suppression") or {}).get("reason", "")
            h.append(f"<li><code>{_e(s['code'])}</code> {_e(s['name'])}: {_e(reason)}</li>")
        h.append("</ul></section>")
    h.append("</div>")  # pane-review

    h.append(f'<div class="pane-draft" aria-labelledby="{prefix}-h-draft">')
    docs = [(resp_src, "The draft" + (" (request and response in one file)" if req_src == resp_src else ""))]
    if req_src != resp_src:
        docs.append((req_src, "The request"))
    for n, (src, heading) in enumerate(docs):
        hid = f"{prefix}-h-draft" if n == 0 else f"{prefix}-h-doc{n}"
        body = _draft_html(texts.get(src, ""), marks.get(src, []), show_personal_data)
        h.append(
            f'<section class="doc"><h3 id="{hid}">{_e(heading)} <span class="muted">{_e(src)}</span></h3>'
            f'<pre class="draft" tabindex="0" aria-label="{_e(heading)} with findings highlighted">{body}</pre></section>'
        )
    h.append("</div></div></article>")
    return "".join(h)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(
    reviews: Iterable[tuple[Mapping[str, Any], Mapping[str, str]]],
    *,
    show_personal_data: bool = False,
    title: str = "FOI draft review",
) -> str:
    """A self-contained page for one or more (record, texts) pairs."""
    css, js = asset("review.css"), asset("review.js")
    body = "".join(
        fragment(rec, texts, show_personal_data=show_personal_data, prefix=f"r{i}") for i, (rec, texts) in enumerate(reviews, 1)
    )
    csp = f"default-src 'none'; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; base-uri 'none'; form-action 'none'"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{css}</style></head>"
        f'<body><header class="top"><h1>{_e(title)}</h1></header><main>{body}</main>'
        f"<script>{js}</script></body></html>\n"
    )
