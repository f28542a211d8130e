"""foi-reviewer: check a draft FOI response against its request before it is sent.

The package is laid out as the review pipeline it implements:

    loaders -> request -> alignment -> checks -> (llm) -> findings -> reporters

`reviewer.cli` is a thin Typer front end over `reviewer.pipeline.review_files`.
"""

__version__ = "0.1.0"
