"""Build reviewer/data/first_names.txt and surnames.txt from Faker's person lists.

    pip download --no-deps faker==40.54.0 -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker/x
    python tools/build_names.py /tmp/faker/x

Faker (MIT licence, maintained, https://github.com/joke2k/faker) ships first-name and surname
lists per locale, most of them taken from national statistics (the en_US lists from the US
Census and Social Security name tables, en_GB's from ONS). Staff in UK public bodies carry
names from many origins, so the English-speaking locales are joined with the European, South
Asian and African ones whose lists are written in Latin letters. Only the words are kept
(lower case, one a line); the package itself is not a run-time dependency.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

LOCALES = (
    "en en_GB en_IE ga_IE en_US en_NZ en_IN en_PK en_KE en_NG yo_NG ig_NG tw_GH sw "
    "it_IT fr_FR de_DE es_ES pt_PT pl_PL nl_NL da_DK sv_SE no_NO fi_FI lt_LT ro_RO tr_TR cs_CZ hu_HU"
).split()
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")
OUT = Path(__file__).resolve().parent.parent / "reviewer" / "data"


def main(faker_root: str) -> None:
    sys.path.insert(0, faker_root)
    first: set[str] = set()
    last: set[str] = set()
    for loc in LOCALES:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            first.update(getattr(p, attr, ()) or ())
        last.update(getattr(p, "last_names", ()) or ())
    for name, words in (("first_names.txt", first), ("surnames.txt", last)):
        # Double-barrelled entries are kept whole and by part ("smith-jones", "smith", "jones").
        keep = {w.lower() for w in words}
        keep |= {part for w in keep for part in re.split(r"[ -]", w)}
        keep = sorted(w for w in keep if WORD.match(w) and len(w) >= 2)
        header = f"# {name}: built by tools/build_names.py from Faker's person lists (MIT licence), {len(keep)} names\n"
        (OUT / name).write_text(header + "\n".join(keep) + "\n", encoding="utf-8")
        print(name, len(keep))


if __name__ == "__main__":
    main(sys.argv[1])
