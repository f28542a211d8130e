"""The audit summary an auditor reads in the terminal (from `audit.summary.summarise`).

    foi-review audit: 200 cases, 196 reviewed, 4 could not be reviewed (2 timed out)
    Verdicts      fail 120 · check 50 · pass 26        gate (--fail-on error): 124 cases fail
    Most common findings      code, name, findings, cases
    Worst cases               case, verdict, errors, warnings, rules
    Could not be reviewed     case: reason
    Baseline                  new 3 · unchanged 410 · fixed 2
"""

from __future__ import annotations

import io
from typing import Any


def render(summary: dict[str, Any], color: bool = False, width: int = 110, top: int = 10) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, force_terminal=color, no_color=not color, width=width, highlight=False, soft_wrap=False)
    head = f"{summary['cases']} case(s), {summary['reviewed']} reviewed"
    if summary["broken"]:
        head += f", {summary['broken']} could not be reviewed"
        if summary.get("timed_out"):
            head += f" ({summary['timed_out']} timed out)"
    if summary.get("skipped"):
        head += f", {summary['skipped']} skipped (not cases)"
    console.print(Text.assemble(("foi-review audit: ", "bold"), head))
    v = summary["verdicts"]
    console.print(
        Text.assemble(
            ("Verdicts  ", "bold"),
            (f"fail {v['fail']}", "red"), "  ", (f"review {v['review']}", "yellow"), "  ", (f"pass {v['pass']}", "green"),
            f"   findings {summary['findings']}",
            f", suppressed {summary['suppressed']}" if summary["suppressed"] else "",
        )
    )
    gate = summary["failing"]
    if summary["fail_on"] != "never":
        console.print(
            Text.assemble(
                ("Gate      ", "bold"),
                (f"{gate} case(s) fail", "bold red") if gate else ("no case fails", "green"),
                f" (--fail-on {summary['fail_on']}{', broken cases count' if summary['broken'] else ''})",
            )
        )
    if summary.get("baseline"):
        b = summary["baseline"]
        console.print(
            Text.assemble(
                ("Baseline  ", "bold"), (f"new {b.get('new', 0)}", "bold red" if b.get("new") else "green"),
                f"  unchanged {b.get('unchanged', 0)}", ("  fixed " + str(b.get("fixed", 0)), "green"),
            )
        )
    console.print()
    if summary["by_rule"]:
        t = Table(title="Most common findings", title_justify="left", box=box.SIMPLE_HEAD)
        t.add_column("Rule", no_wrap=True)
        t.add_column("Name")
        t.add_column("Findings", justify="right")
        t.add_column("Cases", justify="right")
        for r in summary["by_rule"][:top]:
            t.add_row(r["code"], r["name"], str(r["findings"]), str(r["cases"]))
        console.print(t)
    if summary["worst"]:
        t = Table(title="Worst cases", title_justify="left", box=box.SIMPLE_HEAD)
        t.add_column("Case", overflow="fold")
        t.add_column("Verdict")
        t.add_column("Errors", justify="right")
        t.add_column("Warnings", justify="right")
        t.add_column("Rules")
        for w in summary["worst"]:
            t.add_row(str(w["case"]), str(w["verdict"]), str(w["errors"]), str(w["warnings"]), ", ".join(w["codes"]))
        console.print(t)
    if summary["broken_cases"]:
        console.print(Text("Could not be reviewed", style="bold red"))
        for b in summary["broken_cases"]:
            console.print(Text(f"  {b['case']}: {b['error']}"))
        more = summary["broken"] - len(summary["broken_cases"])
        if more > 0:
            console.print(Text(f"  ... and {more} more (see the results file)", style="dim"))
    if summary.get("skipped_files"):
        console.print(Text("Skipped (not reviewed)", style="bold"))
        for name in summary["skipped_files"]:
            console.print(Text(f"  {name}"))
        more = summary["skipped"] - len(summary["skipped_files"])
        if more > 0:
            console.print(Text(f"  ... and {more} more", style="dim"))
    if summary.get("fixed"):
        console.print(Text("Accepted findings that have gone away (refresh the baseline)", style="bold green"))
        for f in summary["fixed"]:
            console.print(Text(f"  {f['case']}: {f['code']} {f.get('message') or ''}"))
    return out.getvalue()
