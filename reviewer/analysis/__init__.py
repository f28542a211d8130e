"""What a request asks and what a draft does with it: request parsing, answer alignment and
status, citations, exemption assessment, the refusal notice, contacts and names.
The checks read these facts; nothing here produces a finding.
"""
