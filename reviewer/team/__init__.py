"""The FOI team's own policy: settings, inline suppressions, and `policy`, which
applies them to what the checks found.
"""
