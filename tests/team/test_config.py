"""Settings discovery and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.model import Regime
from reviewer.team.config import Config, ConfigError, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert load_config(None, tmp_path) == Config()


def test_own_file_found_in_parent(tmp_path: Path) -> None:
    cfg = write(tmp_path / ".foi-review.toml", 'allow_contacts = ["foi@example.gov.uk", "01234 567890"]\nfail_on = "warning"\nregime = "eir"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    c = load_config(None, sub)
    assert c.allow_contacts == ("foi@example.gov.uk", "01234 567890")
    assert c.fail_on == "warning"
    assert c.regime is Regime.EIR
    assert c.source == cfg.resolve()


def test_pyproject_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.foi-review]\nfail_on = "never"\n')
    assert load_config(None, tmp_path).fail_on == "never"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / ".foi-review.toml", 'fail_on = "info"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(None, tmp_path / "sub").fail_on == "info"


def test_search_stops_at_git_root(tmp_path: Path) -> None:
    write(tmp_path / ".foi-review.toml", 'fail_on = "info"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert load_config(None, tmp_path / "repo") == Config()


def test_own_file_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.foi-review]\nfail_on = "never"\n')
    write(tmp_path / ".foi-review.toml", 'fail_on = "warning"\n')
    assert load_config(None, tmp_path).fail_on == "warning"


def test_explicit_path(tmp_path: Path) -> None:
    p = write(tmp_path / "custom.toml", 'regime = "FOISA"\n')
    assert load_config(p, tmp_path).regime is Regime.FOISA
    py = write(tmp_path / "x" / "pyproject.toml", '[tool.foi-review]\nregime = "EISR"\n')
    assert load_config(py, tmp_path).regime is Regime.EISR


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('allow_contact = ["x"]\n', "unknown key 'allow_contact'"),
        ('fail_on = "sometimes"\n', "key 'fail_on'"),
        ('regime = "GDPR"\n', "key 'regime'"),
        ('allow_contacts = "foi@example.gov.uk"\n', "key 'allow_contacts'"),
        ("allow_contacts = [1]\n", "key 'allow_contacts'"),
        ("fail_on = \n", "invalid TOML"),
        ("[llm]\nmax_output_tokens = 0\n", "max_output_tokens"),
        ("[llm]\nmax_output_tokens = 1.5\n", "max_output_tokens"),
    ],
)
def test_errors_name_key_and_file(tmp_path: Path, text: str, needle: str) -> None:
    p = write(tmp_path / ".foi-review.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(None, tmp_path)
    msg = str(info.value)
    assert needle in msg and str(p.resolve()) in msg and "\n" not in msg


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml", tmp_path)
