"""The pre-commit `foi-review-audit` hook: `foi-review audit`, in the format of where it runs.

On a developer's terminal the hook prints the audit's summary; under GitHub Actions
(`GITHUB_ACTIONS=true`, set by the runner) it prints workflow commands (`::error file=...`),
which GitHub shows on the changed lines and a terminal shows as noise. A `--format` in the
hook's `args` wins over either (the last `--format` given is the one used).
"""

from __future__ import annotations

import os
import sys


def hook_argv(args: list[str], environ: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The `foi-review` arguments for the hook's own `args`."""
    chosen = ["--format", "github"] if environ.get("GITHUB_ACTIONS") == "true" else []
    return ["audit", "--no-progress", *chosen, *args]


def main() -> None:
    from reviewer.cli import main as cli_main

    sys.argv = [sys.argv[0], *hook_argv(sys.argv[1:])]
    cli_main()


if __name__ == "__main__":
    main()
