"""The values every layer shares: documents and spans, the review model, findings and the
rule registry, the errors a person can act on, the staff list. Imports nothing above itself.
"""
