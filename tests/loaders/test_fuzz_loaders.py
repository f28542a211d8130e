"""Property-based fuzzing: mutated Word, Excel, PDF, e-mail and HTML files either load into a
`Document` or raise `InputError`; never any other exception."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docbuild
from reviewer.core.document import Document
from reviewer.core.errors import InputError
from reviewer.loaders import _BY_SUFFIX

_SEEDS: dict[str, bytes] = {}


def _seed(suffix: str, tmp: Path) -> bytes:
    if suffix not in _SEEDS:
        if suffix == ".docx":
            path = docbuild.word_with_hidden_content(tmp / "s.docx")
        elif suffix == ".xlsx":
            path = docbuild.excel_with_hidden_staff(tmp / "s.xlsx")
        elif suffix == ".pdf":
            path = docbuild.pdf_with_box_over_text(tmp / "s.pdf")
        elif suffix == ".eml":
            path = docbuild.eml_with_attachment(tmp / "s.eml", docbuild.excel_with_hidden_staff(tmp / "a.xlsx"))
        elif suffix == ".msg":
            path = docbuild.msg_with_attachment(tmp / "s.msg", docbuild.excel_with_hidden_staff(tmp / "m.xlsx"))
        else:
            path = tmp / "s.html"
            path.write_text("<html><body><p>1. We hold it.</p><table><tr><td>a</td></tr></table></body></html>")
        _SEEDS[suffix] = path.read_bytes()
    return _SEEDS[suffix]


mutations = st.lists(
    st.tuples(st.floats(min_value=0, max_value=1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12
)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf", ".eml", ".msg", ".html"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(muts=mutations, cut=st.one_of(st.none(), st.floats(min_value=0.05, max_value=1)))
def test_mutated_files_load_or_raise_input_error(tmp_path_factory: pytest.TempPathFactory, suffix: str, muts: list[tuple[float, int]], cut: float | None) -> None:
    data = bytearray(_seed(suffix, tmp_path_factory.getbasetemp()))
    for where, byte in muts:
        data[int(where * len(data))] = byte
    if cut is not None:
        data = data[: max(1, int(len(data) * cut))]
    module = importlib.import_module(_BY_SUFFIX[suffix])
    try:
        doc = module.load(Path(f"fuzz{suffix}"), bytes(data))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(doc, Document)
    assert all(0 <= a <= len(doc.text) for a, _ in doc.locations)
