"""Text infrastructure below the loaders: folding and matching, unwrapping hard-wrapped lines,
finding quoted e-mail history, masking sensitive values. Knows nothing about FOI.
"""
