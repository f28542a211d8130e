"""Rules whose findings only the model tier raises (origin "llm").

No rule-engine check produces them, but they are declared with the others so the registry is
complete without the model tier: a team can switch one off or re-grade it in the settings file
(`[rules] CP103 = "off"`), disable it inline, and look it up with `foi-review rules`, whether or
not a model is configured. Codes 1xx in each family mark them as model findings
(`Rule.by_model`).
"""

from __future__ import annotations

from reviewer.core.findings import Category, Severity, register_rule

PARTIAL_ANSWER = register_rule(
    "CP101", "model-partial-answer", Category.COMPLETENESS, Severity.WARNING,
    "The model judges that the answer gives something other than what was asked.",
    "Answer the question as asked (e.g. the annual cost, not the total contract value), or say "
    "why that exact information is not held.",
)
UNANSWERED = register_rule(
    "CP102", "model-unanswered", Category.COMPLETENESS, Severity.WARNING,
    "The model judges that a question the rules matched to an answer is not actually answered.",
    "Answer the question, or say it is not held or withheld and why.",
)
STATUS_DIFFERS = register_rule(
    "CP103", "model-status-differs", Category.COMPLETENESS, Severity.INFO,
    "The model reads the draft as dealing with a question differently from the rule engine.",
    "Check that the reply states clearly how each question was dealt with.",
)
CONCLUSION_ONLY = register_rule(
    "EX101", "model-public-interest-conclusion-only", Category.EXEMPTIONS, Severity.WARNING,
    "The model judges that the public interest test recites a conclusion without weighing factors.",
    "Set out the factors in favour of disclosure, those in favour of maintaining the exemption, "
    "and why the balance falls where it does.",
)
HARM_ASSERTED = register_rule(
    "EX102", "model-harm-asserted", Category.EXEMPTIONS, Severity.WARNING,
    "The model judges that the harm from disclosure is asserted rather than explained.",
    "Explain how disclosing this information would cause the prejudice claimed.",
)
SUBJECT_MISMATCH = register_rule(
    "TP101", "model-subject-mismatch", Category.TEMPLATE, Severity.WARNING,
    "The model judges that the reply talks about a different subject from the request.",
    "Describe the request in its own terms; the wording was probably left over from another reply.",
)
STALE_BOILERPLATE = register_rule(
    "TP102", "model-stale-boilerplate", Category.TEMPLATE, Severity.WARNING,
    "The model judges that boilerplate was copied from another reply (systems or facts this request never mentioned).",
    "Cut the paragraph down to what applies to this request.",
)
PERSONAL_DATA = register_rule(
    "PD101", "model-personal-data", Category.PERSONAL_DATA, Severity.WARNING,
    "The model found personal data the rule engine did not flag (e.g. a named junior officer).",
    "Remove the name or direct contact detail, or confirm the person agreed to be named.",
)
