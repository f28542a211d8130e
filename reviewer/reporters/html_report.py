"""`--html FILE`: a self-contained audit report that opens from a shared drive.

One HTML file: inline CSS, inline SVG charts drawn here, a few lines of inline JavaScript to
sort and filter the case table; no external assets, fonts or scripts, so it works offline and
passes a strict content policy. Sections:

    headline figures      cases, reviewed, broken, verdicts, findings
    charts                findings by rule, by category, over time (month of the case's `date`)
                          and by team, the last two only when the manifest gives them
    cases                 a sortable, filterable table; each case links to its findings
    findings by case      each case's findings with line, evidence (contacts masked) and fix

Everything shown is escaped; evidence of personal-data findings is masked as in the terminal.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from reviewer.reporters.common import shown_evidence
from reviewer.reporters.location import draft_of, where
from reviewer.text.masking import mask_case

_SEV_COLOUR = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
_VERDICT_COLOUR = {"fail": "#c0392b", "review": "#d68910", "pass": "#1e8449", "error": "#7f8c8d"}
_DATE_RE = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})(?:-(\d{1,2}))?|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))(?!\d)")
DATE_UNKNOWN = "date unknown"

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1c2833;background:#f4f6f7}
header{background:#1c2833;color:#fff;padding:16px 28px}header h1{margin:0;font-size:22px}
main{padding:18px 28px;max-width:1300px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:18px}
.card{background:#fff;border-radius:6px;padding:10px 16px;min-width:120px;box-shadow:0 1px 2px #0002}
.card b{display:block;font-size:24px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:14px}
figure{background:#fff;margin:0;padding:12px;border-radius:6px;box-shadow:0 1px 2px #0002}
figcaption{font-weight:600;margin-bottom:6px}
svg text{font:12px system-ui,Arial,sans-serif;fill:#1c2833}
table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #0002}
th,td{padding:5px 8px;border-bottom:1px solid #e5e8e8;text-align:left;vertical-align:top}
th{background:#eaeded;cursor:pointer;user-select:none;position:sticky;top:0}
.v{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}
.sev-error{color:#c0392b;font-weight:600}.sev-warning{color:#b9770e;font-weight:600}.sev-info{color:#2e86c1}
section.case{background:#fff;margin:10px 0;padding:8px 14px;border-radius:6px;box-shadow:0 1px 2px #0002}
section.case h3{margin:4px 0;font-size:15px}.meta{color:#566573;font-size:12px}
.ev{font-family:ui-monospace,Consolas,monospace;background:#f8f9f9;padding:0 3px}
.muted{color:#7f8c8d}#filter{padding:5px 8px;width:320px;margin:8px 0}
"""

_JS = """
(function(){
  var table=document.getElementById('cases');
  if(!table){return;}
  var body=table.tBodies[0];
  var heads=table.tHead.rows[0].cells;
  for(var i=0;i<heads.length;i++){(function(col){
    heads[col].addEventListener('click',function(){
      var asc=heads[col].getAttribute('data-dir')!=='asc';
      for(var j=0;j<heads.length;j++){heads[j].removeAttribute('data-dir');}
      heads[col].setAttribute('data-dir',asc?'asc':'desc');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[col].getAttribute('data-sort')||a.cells[col].textContent;
        var y=b.cells[col].getAttribute('data-sort')||b.cells[col].textContent;
        var num=heads[col].hasAttribute('data-num');
        var c=num?parseFloat(x)-parseFloat(y):(x<y?-1:(x>y?1:0));
        return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });})(i);}
  var box=document.getElementById('filter');
  document.body.setAttribute("data-ready","1");
  box.addEventListener('input',function(){
    var q=box.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){
      r.style.display=r.textContent.toLowerCase().indexOf(q)===-1?'none':'';});
  });
})();
"""


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def hbar_chart(items: list[tuple[str, int]], colour: str = "#2874a6", label_width: int = 230) -> str:
    """A horizontal bar chart as inline SVG (one bar per item, value at the bar's end)."""
    if not items:
        return '<p class="muted">Nothing to chart.</p>'
    top = max(v for _, v in items) or 1
    bar_h, gap, width = 18, 6, 640
    plot = width - label_width - 60
    height = len(items) * (bar_h + gap) + gap
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" width="100%">']
    for i, (label, value) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(1, round(plot * value / top))
        short = label if len(label) <= 34 else label[:33] + "\u2026"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{_e(short)}<title>{_e(label)}</title></text>'
            f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_h}" fill="{colour}" rx="2"><title>{_e(label)}: {value}</title></rect>'
            f'<text x="{label_width + w + 5}" y="{y + 13}">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(items: list[tuple[str, int]], colour: str = "#2874a6") -> str:
    """A column chart as inline SVG, for findings over time."""
    if not items:
        return '<p class="muted">Nothing to chart.</p>'
    top = max(v for _, v in items) or 1
    width, height, left, bottom = 640, 240, 40, 40
    step = (width - left - 10) / len(items)
    bar = max(2.0, step * 0.7)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" width="100%">']
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#99a3a4"/>')
    parts.append(f'<text x="{left - 4}" y="16" text-anchor="end">{top}</text>')
    every = max(1, -(-len(items) // 8))
    for i, (label, value) in enumerate(items):
        h = (height - bottom - 20) * value / top
        x = left + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{_e(label)}: {value}</title></rect>"
        )
        if i % every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{_e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def iso_date(date: str) -> str | None:
    """A manifest date as ISO `YYYY-MM-DD` (or `YYYY-MM`), the key the table sorts on and the
    chart groups by; None when it cannot be read. UK order for slashed dates (03/04/2023 is
    3 April), as the manifests come from UK bodies."""
    m = _DATE_RE.match(date or "")
    if not m:
        return None
    if m.group(1):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    else:
        year, month, day = int(m.group(6)), int(m.group(5)), int(m.group(4))
    if not 1 <= month <= 12 or day > 31:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _month(date: str) -> str | None:
    iso = iso_date(date)
    return iso[:7] if iso else None


def _case_key(case_id: Any) -> list[tuple[int, Any]]:
    """Natural order of case ids ("case 2" before "case 10"), the order cases are found in, so
    the table reads the same after `--resume` as after one uninterrupted run."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", str(case_id)) if p]


def render(cases: Iterable[dict[str, Any]], title: str = "FOI response audit", show_personal_data: bool = False) -> str:
    """The report. Contact details are masked wherever they appear (`mask_case`) unless
    `show_personal_data`; a case whose date cannot be read counts as "date unknown"."""
    by_rule: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    by_team: Counter[str] = Counter()
    team_cases: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    names: dict[str, str] = {}
    rows: list[tuple[list[tuple[int, Any]], str, str]] = []
    n = broken = total_findings = undated = 0
    has_team = has_date = False
    for i, rec in enumerate(cases):
        rec = mask_case(rec, show_personal_data)
        n += 1
        meta = rec.get("metadata") or {}
        review = rec.get("review")
        raw_date = str(meta.get("date", "") or "")
        iso = iso_date(raw_date)
        month = iso[:7] if iso else (DATE_UNKNOWN if raw_date.strip() else None)
        undated += iso is None and bool(raw_date.strip())
        team = meta.get("team", "")
        has_team = has_team or bool(team)
        has_date = has_date or month is not None
        anchor = f"c{i}"
        if team:
            team_cases[team] += 1
        if not review:
            broken += 1
            verdict, errors, warnings, count = "error", 0, 0, 0
            body = f'<p class="sev-error">Could not be reviewed: {_e(rec.get("error"))}</p>'
            if rec.get("status") == "timeout":
                verdict, body = "timed out", f'<p class="sev-error">Timed out: {_e(rec.get("error"))}</p>'
        else:
            summary = review.get("summary", {})
            verdict = summary.get("verdict", "pass")
            errors, warnings = summary.get("errors", 0), summary.get("warnings", 0)
            found = review.get("findings", [])
            draft = draft_of(rec)
            count = len(found)
            total_findings += count
            items = []
            for f in found:
                by_rule[f["code"]] += 1
                names[f["code"]] = f["name"]
                by_category[f["category"]] += 1
                if month:
                    by_month[month] += 1
                if team:
                    by_team[team] += 1
                items.append(_finding_html(f, draft))
            for s in review.get("suppressed", []):
                reason = (s.get("suppression") or {}).get("reason", "")
                items.append(_finding_html(s, draft, f"suppressed: {reason}"))
            body = "<ul>" + "".join(items) + "</ul>" if items else '<p class="muted">No findings.</p>'
        verdicts[verdict] += 1
        meta_text = " · ".join(f"{_e(k)}: {_e(v)}" for k, v in meta.items() if v)
        shown_date = raw_date if iso or not raw_date.strip() else f"{raw_date} ({DATE_UNKNOWN})"
        row = (
            f'<tr><td><a href="#{anchor}">{_e(rec["case"])}</a></td><td>{_e(meta.get("reference", ""))}</td>'
            f'<td data-sort="{_e(iso or "")}">{_e(shown_date)}</td><td>{_e(team)}</td>'
            f'<td data-sort="{_e(verdict)}"><span class="v" style="background:{_VERDICT_COLOUR.get(verdict, "#7f8c8d")}">{_e(verdict)}</span></td>'
            f"<td>{errors}</td><td>{warnings}</td><td>{count}</td></tr>"
        )
        detail = (
            f'<section class="case" id="{anchor}"><h3>{_e(rec["case"])} '
            f'<span class="v" style="background:{_VERDICT_COLOUR.get(verdict, "#7f8c8d")}">{_e(verdict)}</span></h3>'
            f'<div class="meta">{_e(rec.get("response") or "")}{" · " + meta_text if meta_text else ""}</div>{body}</section>'
        )
        rows.append((_case_key(rec["case"]), row, detail))
    rows.sort(key=lambda r: r[0])
    cards = [
        ("cases", n), ("reviewed", n - broken), ("could not be reviewed", broken),
        *([("timed out", verdicts["timed out"])] if verdicts["timed out"] else []), ("fail", verdicts["fail"]),
        ("review", verdicts["review"]), ("pass", verdicts["pass"]), ("findings", total_findings),
    ] + ([(DATE_UNKNOWN, undated)] if undated else [])
    charts = [
        ("Findings by rule", hbar_chart([(f"{c} {names[c]}", v) for c, v in by_rule.most_common(15)])),
        ("Findings by category", hbar_chart(by_category.most_common(), "#7d3c98", 150)),
        ("Verdicts", hbar_chart([(k, verdicts[k]) for k in ("fail", "review", "pass", "error", "timed out") if verdicts[k]], "#566573", 150)),
    ]
    if has_date:
        charts.append(("Findings over time (by month)", column_chart(
            sorted((k, v) for k, v in by_month.items() if k != DATE_UNKNOWN)
            + ([(DATE_UNKNOWN, by_month[DATE_UNKNOWN])] if undated else []),
            "#148f77",
        )))
    if has_team:
        per_case = [(t, by_team[t]) for t, _ in team_cases.most_common(15)]
        charts.append(("Findings by team", hbar_chart(per_case, "#ca6f1e", 150)))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{_e(title)}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><div>foi-reviewer rule engine · {n} case(s)</div></header><main>"
        '<div class="cards">' + "".join(f"<div class=\"card\"><b>{v}</b>{_e(k)}</div>" for k, v in cards) + "</div>"
        '<div class="charts">' + "".join(f'<figure><figcaption>{_e(t)}</figcaption>{svg}</figure>' for t, svg in charts) + "</div>"
        '<h2>Cases</h2><input id="filter" type="search" placeholder="Filter cases (case, team, verdict...)" aria-label="Filter cases">'
        '<table id="cases"><thead><tr><th>Case</th><th>Reference</th><th>Date</th><th>Team</th><th>Verdict</th>'
        "<th data-num>Errors</th><th data-num>Warnings</th><th data-num>Findings</th></tr></thead><tbody>"
        + "".join(r[1] for r in rows) + "</tbody></table>"
        "<h2>Findings by case</h2>" + "".join(r[2] for r in rows) + f"</main><script>{_JS}</script></body></html>\n"
    )


def _finding_html(f: dict[str, Any], draft: str | None, suppressed: str = "") -> str:
    ev = f.get("evidence")
    said = where(ev, draft)
    shown = shown_evidence(f) if ev else ""
    evidence = f' {_e(said) + ": " if said else ""}<span class="ev">{_e(shown[:200])}</span>' if ev else ""
    q = f" [Q{_e(f['question_ref'])}]" if f.get("question_ref") else ""
    tag = f' <span class="muted">({_e(suppressed)})</span>' if suppressed else ""
    base = " <span class=\"muted\">(accepted in baseline)</span>" if f.get("baseline") == "unchanged" else ""
    return (
        f'<li><span class="sev-{_e(f["severity"])}">{_e(f["severity"])}</span> <b>{_e(f["code"])}</b> {_e(f["name"])}{q}{tag}{base}: '
        f'{_e(f["message"])}.{evidence}<br><span class="muted">Fix: {_e(f.get("fix", ""))}</span></li>'
    )
