"""Output formats. Each turns the plain records of `records` (a review record, or the case
records `check` and `audit` share) into text; `formats` puts every one of them behind one
interface and one dispatch, and the CLI decides only where the text goes.

`location` gives the one vocabulary all of them use for where evidence is; `cases` decides,
once for all of them, what fails a gate.
"""
