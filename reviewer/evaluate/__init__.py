"""`foi-review eval`: score the tool on a team's own labelled cases.

A team choosing whether a model earns its cost needs figures on its own past responses, not
ours. This package reads a folder of labelled cases (`labelled.py`, format in docs/eval.md),
reviews each with the rule engine alone and, when asked, with the model review too
(`runner.py`), compares every record with the hand labels (`scoring.py`) and prints both
columns side by side or as JSON (`render.py`).

The figures follow the same definitions as the project's dev-set scorer (greedy text-similarity
question matching, coarse status classes, normalised citations), so numbers from either can be
compared.
"""
