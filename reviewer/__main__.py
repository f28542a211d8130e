"""Allow `python -m reviewer` as well as the `foi-review` console script."""

from reviewer.cli import main

main()
