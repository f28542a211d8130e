"""Generate realistic FOI cases (request + draft response) for audit tests and the benchmark.

The wording is our own. Each case varies the subject, the number of questions, how each is
answered (given, not held, withheld under an exemption with or without a public-interest
test), whether the refusal notice offers an internal review and the ICO, and whether a named
officer's direct line is left in, so an audit sees a realistic mix of verdicts and findings.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

TOPICS = [
    ("CCTV maintenance contract", ["Who is the supplier of your CCTV maintenance contract?",
        "What is the annual value of the contract?", "When does the contract end?",
        "How many cameras are covered by the contract?"], "Highways"),
    ("agency staff spend", ["How much did you spend on agency social workers in 2022/23?",
        "Which agencies supplied them?", "What was the highest day rate paid?"], "Children's Services"),
    ("pothole compensation claims", ["How many pothole compensation claims did you receive in 2023?",
        "How many claims were paid?", "What was the total amount paid out?",
        "What is the average time taken to settle a claim?"], "Highways"),
    ("parking penalty charge notices", ["How many penalty charge notices were issued in 2023?",
        "How much income did they raise?", "How many were cancelled on appeal?"], "Parking"),
    ("IT software licences", ["Which supplier provides your e-mail software?",
        "What is the annual licence cost?", "When is the renewal date?"], "Digital"),
]
TEAMS_OVERRIDE = ["Corporate", "Adult Social Care"]
SALUTATIONS = ["Mr Patel", "Ms Okonjo", "Dr Lewis", "Mrs Fraser", "Mr Whitaker", "Ms Doyle"]
ANSWERS = ["Apex Systems Ltd", "£48,200 per year", "31 March 2026", "212", "Yes, four agencies", "£1,150", "17 working days"]


def _request(topic: str, questions: list[str]) -> str:
    lines = ["Dear Freedom of Information Officer,", "", f"Please provide the following information about your {topic}.", ""]
    lines += [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    lines += ["", "Yours faithfully,", "A. Requester"]
    return "\n".join(lines) + "\n"


def _response(rng: random.Random, topic: str, questions: list[str], ref: str) -> str:
    withhold = rng.random() < 0.35
    pit = rng.random() < 0.5
    review_para = rng.random() < 0.75
    ico_para = rng.random() < 0.8
    officer = rng.random() < 0.25
    placeholder = rng.random() < 0.08
    out = [f"Our reference: {ref}", "", "Dear {{ requester_name }}," if placeholder else f"Dear {rng.choice(SALUTATIONS)},", "",
           f"Thank you for your request for information about your {topic}, which we have dealt with under the "
           "Freedom of Information Act 2000.", ""]
    for i, q in enumerate(questions, 1):
        out.append(f"{i}. {q}")
        if withhold and i == len(questions):
            out.append("This information is withheld under section 43(2) of the Freedom of Information Act 2000 "
                       "(commercial interests), as its release would be likely to prejudice the supplier's "
                       "commercial interests in future tenders.")
            if pit:
                out.append("In favour of disclosure, there is a public interest in transparency about how public "
                           "money is spent. In favour of maintaining the exemption, disclosure would weaken our "
                           "negotiating position. We have concluded that the public interest in maintaining the "
                           "exemption outweighs the public interest in disclosure.")
        elif rng.random() < 0.1:
            out.append("We do not hold this information.")
        else:
            out.append(rng.choice(ANSWERS))
        out.append("")
    if review_para:
        out += ["If you are dissatisfied with the handling of your request, you may ask for an internal review by "
                "writing to foi@example-council.gov.uk within 40 working days.", ""]
    if ico_para:
        out += ["If you are not content with the outcome of the internal review, you have the right to complain to "
                "the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF, "
                "telephone 0303 123 1113.", ""]
    out += ["Yours sincerely,", ""]
    if officer:
        out += ["Jane Morrison", "Information Governance Officer", "Direct line: 01632 960 184"]
    else:
        out += ["Information Governance Team", "foi@example-council.gov.uk"]
    return "\n".join(out) + "\n"


def make_case(rng: random.Random, n: int) -> tuple[str, str, dict[str, str]]:
    topic, qs, team = TOPICS[n % len(TOPICS)]
    k = rng.randint(2, len(qs))
    ref = f"FOI-{2023 + n % 2}-{n:05d}"
    month = 1 + (n * 7) % 12
    meta = {"reference": ref, "date": f"{2023 + n % 2}-{month:02d}-{1 + n % 28:02d}",
            "team": team if n % 7 else TEAMS_OVERRIDE[n % 2]}
    return _request(topic, qs[:k]), _response(rng, topic, qs[:k], ref), meta


def generate_tree(root: Path, count: int, broken_every: int = 0, seed: int = 5) -> list[str]:
    """Write `count` cases under `root` as folders (request.txt + response.txt + case.json) and
    combined files; every `broken_every`-th case is broken in one of several ways. Returns the
    ids of the broken cases."""
    rng = random.Random(seed)
    broken: list[str] = []
    for n in range(count):
        request, response, meta = make_case(rng, n)
        year_dir = root / meta["date"][:4]
        if broken_every and n % broken_every == broken_every - 1:
            kind = (n // broken_every) % 3
            folder = year_dir / f"case-{n:05d}"
            folder.mkdir(parents=True, exist_ok=True)
            if kind == 0:  # a request with no response
                (folder / "request.txt").write_text(request, encoding="utf-8")
            elif kind == 1:  # an empty response
                (folder / "request.txt").write_text(request, encoding="utf-8")
                (folder / "response.txt").write_text("", encoding="utf-8")
            else:  # a binary file where a response should be
                (folder / "request.txt").write_text(request, encoding="utf-8")
                (folder / "response.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
            broken.append(f"{meta['date'][:4]}/case-{n:05d}")
            continue
        if n % 5 == 4:  # a single combined file
            year_dir.mkdir(parents=True, exist_ok=True)
            text = "Request\n\n" + request + "\nResponse\n\n" + response
            (year_dir / f"combined-{n:05d}.txt").write_text(text, encoding="utf-8")
        else:
            folder = year_dir / f"case-{n:05d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "request.txt").write_text(request, encoding="utf-8")
            (folder / "response.txt").write_text(response, encoding="utf-8")
            (folder / "case.json").write_text(json.dumps({"metadata": meta}), encoding="utf-8")
    return broken


def generate_manifest(root: Path, count: int, seed: int = 7, fmt: str = "csv") -> Path:
    """`count` cases as files plus a manifest (CSV or JSONL) naming them with metadata."""
    import csv

    rng = random.Random(seed)
    (root / "files").mkdir(parents=True, exist_ok=True)
    rows = []
    for n in range(count):
        request, response, meta = make_case(rng, n)
        (root / "files" / f"{n:05d}-request.txt").write_text(request, encoding="utf-8")
        (root / "files" / f"{n:05d}-response.txt").write_text(response, encoding="utf-8")
        rows.append({"id": meta["reference"], "request": f"files/{n:05d}-request.txt",
                     "response": f"files/{n:05d}-response.txt", **meta})
    path = root / f"manifest.{fmt}"
    if fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


if __name__ == "__main__":  # the docs' walk-throughs make their sample cases with this
    import sys

    usage = "usage: python tests/casegen.py manifest|tree FOLDER COUNT"
    if len(sys.argv) != 4 or sys.argv[1] not in ("manifest", "tree") or not sys.argv[3].isdigit():
        sys.exit(usage)
    target, n = Path(sys.argv[2]), int(sys.argv[3])
    target.mkdir(parents=True, exist_ok=True)
    if sys.argv[1] == "manifest":
        generate_manifest(target, n)
    else:
        generate_tree(target, n)
    print(f"wrote {n} generated case(s) to {target}")
