"""Write docs/rules.md from the rule registry, the law table and the rule cases.

    python tools/build_rules_doc.py          # rewrite docs/rules.md
    python tools/build_rules_doc.py --check  # exit 1 if docs/rules.md is out of date

tests/checks/test_rule_cases.py runs the check, so a rule, fix, law or example changed without
regenerating the page fails the suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reviewer.reporters.rule_reference import markdown

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    text = markdown()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
        if current != text:
            print(f"{DOC} is out of date: run python tools/build_rules_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
