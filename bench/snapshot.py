"""Snapshot every review's JSON result, to prove a speed-up changed nothing.

    python bench/snapshot.py OUT.jsonl [--pairs 3000] [--corpus DIR ...]
    python bench/snapshot.py OUT.jsonl --compare BEFORE.jsonl

Reviews the bundled fixtures, `--pairs` generated drafts (bench/generate.py, fixed seed) and,
with `--corpus`, every `request.txt`/`response.txt` pair under the given folders (such as the
labelled real cases kept outside this repository). One line per review: its name and the
`--format json` record. `--compare` prints the first differences and exits 1 when any review's
result differs, so a refactor that is meant to be invisible can be checked in one command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from reviewer.pipeline import review_files, review_texts  # noqa: E402
from reviewer.reporters.records import review_record  # noqa: E402


def _fixture_reviews() -> Iterator[tuple[str, dict[str, object]]]:
    for case in sorted((ROOT / "fixtures" / "cases").iterdir()):
        req, resp = case / "request.txt", case / "response.txt"
        files = sorted(p for p in case.iterdir() if p.suffix in (".txt", ".md") and p.name != "expected.json")
        if resp.exists():
            yield case.name, review_record(review_files(req if req.exists() else None, resp))
        elif files:
            yield case.name, review_record(review_files(None, files[0]))
    layouts = ROOT / "fixtures" / "layouts"
    request = layouts / "request.txt"
    for draft in sorted(layouts.glob("draft-*")):
        yield f"layouts/{draft.name}", review_record(review_files(request, draft))


def _corpus_reviews(folders: list[Path]) -> Iterator[tuple[str, dict[str, object]]]:
    for folder in folders:
        for req in sorted(folder.rglob("request.txt")):
            resp = req.with_name("response.txt")
            if resp.exists():
                yield str(req.parent.relative_to(folder)), review_record(review_files(req, resp))


def snapshot(out: Path, pairs: int, corpus: list[Path]) -> int:
    n = 0
    # File paths in the records name the checkout and corpus folder as given; replace them so
    # that snapshots taken in two checkouts (a worktree per branch) compare equal.
    places = sorted(((str(c), "<corpus>") for c in corpus), key=lambda p: -len(p[0]))
    places += [(str(c.resolve()), "<corpus>") for c in corpus] + [(str(ROOT), "<root>")]
    with out.open("w", encoding="utf-8") as fh:
        def emit(name: str, record: dict[str, object]) -> None:
            line = json.dumps({"name": name, "record": record}, sort_keys=True, ensure_ascii=False)
            for place, mark in places:
                line = line.replace(json.dumps(place)[1:-1], mark)
            fh.write(line + "\n")

        for name, record in _fixture_reviews():
            emit(name, record)
            n += 1
        for name, record in _corpus_reviews(corpus):
            emit(name, record)
            n += 1
        for i, p in enumerate(generate(pairs)):
            emit(f"generated/{i}", review_record(review_texts(p.request, p.response)))
            n += 1
    return n


def compare(new: Path, old: Path, show: int = 5) -> int:
    a = [json.loads(line) for line in old.read_text(encoding="utf-8").splitlines()]
    b = [json.loads(line) for line in new.read_text(encoding="utf-8").splitlines()]
    if len(a) != len(b):
        print(f"different number of reviews: {len(a)} before, {len(b)} now")
        return 1
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in diffs[:show]:
        print(f"--- {x['name']}")
        for key in sorted(set(x["record"]) | set(y["record"])):
            if x["record"].get(key) != y["record"].get(key):
                print(f"  {key}:\n    before {json.dumps(x['record'].get(key))[:400]}\n    now    {json.dumps(y['record'].get(key))[:400]}")
    print(f"{len(diffs)} of {len(a)} reviews differ")
    return 1 if diffs else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--pairs", type=int, default=3000)
    ap.add_argument("--corpus", type=Path, action="append", default=[])
    ap.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    a = ap.parse_args()
    n = snapshot(a.out, a.pairs, a.corpus)
    print(f"{n} reviews written to {a.out}")
    if a.compare:
        sys.exit(compare(a.out, a.compare))


if __name__ == "__main__":
    main()
