"""Audits: review a whole tree of past cases, in parallel, streaming one JSON line per case.

    discover (cases.py) -> run in worker processes (runner.py) -> results JSONL
                        -> summary / CSV / HTML / SARIF / JUnit / GitHub (reporters, from the JSONL)

The results file is the single source every output is made from, so a resumed run reports on
all its cases and memory stays flat however many cases there are.
"""
