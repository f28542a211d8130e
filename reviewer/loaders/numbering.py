"""List numbers as a word processor prints them: 1, a, A, i, I, 01, and bullets.

Word (.docx) and OpenDocument (.odt) both store automatic numbering as a rule ("decimal,
'%1.'") rather than as text, so a loader that only copies the text loses the "1." "2." "a)"
the reader sees, and with them the only thing that ties an answer to its question. Both
loaders compute the numbers with these helpers.
"""

from __future__ import annotations

BULLET = "•"

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated, not base 26)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """`n` in Word's numFmt vocabulary (decimal, lowerLetter, upperRoman, ...).

    Formats Word has but a reply never uses (Chinese counting, ordinal text) fall back to
    decimal: a number in the wrong style still ties an answer to its question."""
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def odf_format(fmt: str) -> str:
    """OpenDocument's style:num-format ("1", "a", "A", "i", "I", "") in Word's vocabulary."""
    return {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman", "": "none"}.get(fmt, "decimal")
