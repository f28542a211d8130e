"""The report an FOI officer reads: verdict first, then what to fix.

Layout, top to bottom:

    foi-review  draft.txt against request.txt   (FOIA)
    FAIL: 3 errors, 2 warnings - not ready to send
    Questions        ref, question, status, where the answer is
    Exemptions       citation, name, public-interest test, harm
    Refusal notice   internal review, right to complain
    Findings         by severity, each with its evidence and a fix

Leaked contact details are masked here (the officer knows where to look from the place given,
see `location.where`; the screen may be shared or recorded). Rich is imported only by this module.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from reviewer.reporters.location import where
from reviewer.text.masking import mask

_STATUS_STYLE = {
    "answered": "green",
    "partial": "yellow",
    "not_held": "cyan",
    "withheld": "magenta",
    "refused": "magenta",
    "ncnd": "magenta",
    "not_applicable": "dim",
    "redirected": "blue",
    "unanswered": "bold red",
}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT = {
    "fail": ("bold white on red", "FAIL", "not ready to send"),
    "review": ("bold black on yellow", "REVIEW", "a person should look at the warnings"),
    "pass": ("bold white on green", "PASS", "no problems found by the rule engine"),
}
_BASELINE_MEANING = {
    "fail": "new errors: not ready to send",
    "review": "a person should look at the new warnings",
    "pass": "nothing new since the baseline",
}
_PIT_TEXT = {
    "complete": ("green", "complete"),
    "incomplete": ("yellow", "incomplete"),
    "missing": ("bold red", "missing"),
    "not_required": ("dim", "not required"),
}

# A pasted mailing list gives thousands of findings of one rule: the screen shows the first
# ones and a count (Rich takes about 0.2 ms a finding, so 100,000 would take 20 s to print).
SHOWN_PER_RULE = 50
SHOWN_QUESTIONS = 200  # likewise for a "request" that is a pasted register of thousands of items


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def render(record: dict[str, Any], color: bool = False, width: int = 110) -> str:
    """Render a review record (see `records.review_record`) as a terminal report."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=False)
    summary = record["summary"]
    draft = record["response"]["source"]
    style, word, meaning = _VERDICT[summary["verdict"]]
    console.print(
        Text.assemble(
            ("foi-review ", "bold"),
            (record["response"]["source"], "bold"),
            (_against(record), "dim"),
            (f"  [{record['regime']}]", "dim"),
        )
    )
    counts = f"{summary['errors']} error(s), {summary['warnings']} warning(s), {summary['info']} info"
    base = summary.get("baseline")
    if base is not None:  # --baseline: the verdict and the counts are those of the new findings
        counts = f"{base['new']} new finding(s) ({base['errors']} error(s), {base['warnings']} warning(s)), {base['accepted']} accepted by the baseline"
        counts += f", {base['fixed']} accepted one(s) gone" if base["fixed"] else ""
        meaning = _BASELINE_MEANING.get(summary["verdict"], meaning)
    console.print(Text.assemble((f" {word} ", style), f" {counts}: {meaning}"))
    for note in record.get("notes", []):
        loud = note.startswith(("model review failed", "model review: pseudonymisation turned OFF"))
        console.print(Text(note if loud else f"note: {note}", style="bold yellow" if loud else "dim"))
    llm = record.get("llm") or {}
    if llm.get("used"):
        bits = [f"model review: {llm['model']} at {llm['endpoint']}, prompt {llm['prompt_version']}"]
        bits.append("pseudonymised" if llm["pseudonymised"] else "NOT pseudonymised")
        if llm["cached"]:
            bits.append("from cache")
        bits.append(f"{llm['added_findings']} finding(s) added, {llm['refined_statuses']} status(es) refined")
        console.print(Text(", ".join(bits), style="dim"))

    console.print()
    qt = Table(title="Questions", title_justify="left", box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    qt.add_column("Ref", no_wrap=True)
    qt.add_column("Question", ratio=3)
    qt.add_column("Status", no_wrap=True)
    qt.add_column("Answer in the draft", ratio=3)
    for q in record["questions"][:SHOWN_QUESTIONS]:
        ev = q["evidence"]
        where = f"{place_of(ev, draft)}: {_clip(ev['text'], 70)}" if ev else (q["note"] or "")
        status = q["status"]
        label = status.replace("_", " ")
        if q.get("status_origin") == "llm":
            label += f" (model; rules: {q['rule_status'].replace('_', ' ')})"
        if q["exemptions"]:
            label += " (" + ", ".join(q["exemptions"]) + ")"
        qt.add_row(q["ref"], _clip(q["text"], 90), Text(label, style=_STATUS_STYLE.get(status, "")), where)
    if record["questions"]:
        console.print(qt)
        if len(record["questions"]) > SHOWN_QUESTIONS:
            hidden = len(record["questions"]) - SHOWN_QUESTIONS
            console.print(Text(f"... and {hidden} more question(s), not shown here (--format json lists every one)", style="bold"))
    else:
        console.print(Text("No questions found in the request.", style="bold red"))

    if record["exemptions"]:
        et = Table(title="Exemptions", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        et.add_column("Citation", no_wrap=True)
        et.add_column("Exemption", ratio=3)
        et.add_column("Public interest test", no_wrap=True)
        et.add_column("Harm explained", no_wrap=True)
        et.add_column("Questions")
        for e in record["exemptions"]:
            pit_style, pit_text = _PIT_TEXT[e["public_interest_test"]]
            harm = e["harm_explained"]
            harm_text = Text("n/a", style="dim") if harm is None else (
                Text("yes", style="green") if harm else Text("no", style="bold red")
            )
            name = e["name"] or ("unknown section" if not e["known"] else "")
            et.add_row(
                f"{e['regime']} {e['citation']}",
                _clip(name, 60),
                Text(pit_text, style=pit_style),
                harm_text,
                ", ".join(e["questions"]) or "-",
            )
        console.print(et)

    rn = record["refusal_notice"]
    if rn["required"]:
        def mark(ok: bool) -> Text:
            return Text("present", style="green") if ok else Text("MISSING", style="bold red")

        console.print(
            Text.assemble(
                ("Refusal notice  ", "bold"),
                "internal review: ", mark(rn["internal_review"]),
                "   right to complain to the regulator: ", mark(rn["regulator_complaint"]),
            )
        )
        console.print()

    # The findings and suppressions go to the console as one Text: a line-by-line print costs
    # about a millisecond each in Rich, which made a draft with 10,000 findings (a pasted
    # mailing list) take longer to print than to review. The lines are the same either way.
    lines: list[Text] = []
    findings = record["findings"]
    if not findings:
        lines.append(Text("No findings.", style="green"))
    else:
        lines.append(Text("Findings", style="bold"))
        per_rule: Counter[str] = Counter()
        for f in findings:
            per_rule[f["code"]] += 1
            if per_rule[f["code"]] > SHOWN_PER_RULE:
                continue
            sev = f["severity"]
            lines.append(Text.assemble(
                (f"{sev.upper():8}", _SEVERITY_STYLE[sev]),
                (f"{f['code']} {f['name']}", "bold"),
                (f"  [Q{f['question_ref']}]" if f["question_ref"] else "", "dim"),
                ("  (model)" if f.get("origin") == "llm" else "", "dim"),
                *_baseline_mark(f),
            ))
            message = f["message"]
            if f.get("person"):  # the officer a leaked detail belongs to: masked like the detail
                name = " ".join(f["person"]["text"].split())
                message = message.replace(name, mask(name))
            lines.append(Text("  " + message))
            ev = f["evidence"]
            if ev:
                shown = mask(ev["text"]) if f["category"] == "personal-data" else _clip(ev["text"], 160)
                lines.append(Text(f"  {place_of(ev, draft)}: \u201c{shown}\u201d", style="dim"))
            lines.append(Text(f"  fix: {f['fix']}", style="italic"))
        more = {code: n - SHOWN_PER_RULE for code, n in per_rule.items() if n > SHOWN_PER_RULE}
        for code, n in more.items():
            lines.append(Text(f"... and {n} more {code} finding(s), not shown here (--format json lists every one)", style="bold"))
    for s in record.get("suppressed", []):
        reason = (s.get("suppression") or {}).get("reason", "")
        lines.append(Text(f"suppressed {s['code']} {s['name']}: {reason}", style="dim"))
    console.print(Text("\n").join(lines))
    return out.getvalue()


def place_of(evidence: dict[str, Any], draft: str) -> str:
    """The evidence's place in the shared words (`location.where`); "the draft" when it has none."""
    return where(evidence, draft) or "the draft"


def _baseline_mark(f: dict[str, Any]) -> list[tuple[str, str]]:
    """`new` or `accepted` after a finding when a baseline was given."""
    if f.get("baseline") == "new":
        return [("  new", "bold")]
    if f.get("baseline") == "unchanged":
        return [("  accepted (baseline)", "dim")]
    return []


def _against(record: dict[str, Any]) -> str:
    """Where the request came from, as the header says it: another file, the e-mail history
    quoted in the draft, or the draft itself (a single file is refused when it has none)."""
    if record["request"]["source"] != record["response"]["source"]:
        return f"  against {record['request']['source']}"
    if any(n.startswith("the request was taken from the earlier e-mail") for n in record.get("notes", [])):
        return "  (request taken from the e-mail quoted below the reply)"
    return "  (request found inside the file)"
