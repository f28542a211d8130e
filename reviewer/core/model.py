"""Plain data passed between pipeline stages: questions, answers, citations, the review.

Kept separate from the stages themselves so every stage (and every check) depends only on
these types, never on another stage's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from reviewer.core.document import Document, Span
from reviewer.core.findings import Finding, RuleSetting
from reviewer.core.staff_list import StaffList


class Status(str, Enum):
    """How a question was dealt with. The vocabulary is part of the JSON contract."""

    ANSWERED = "answered"
    PARTIAL = "partial"
    NOT_HELD = "not_held"
    WITHHELD = "withheld"
    REFUSED = "refused"
    NCND = "ncnd"
    NOT_APPLICABLE = "not_applicable"
    REDIRECTED = "redirected"
    UNANSWERED = "unanswered"

    @property
    def is_refusal(self) -> bool:
        """Statuses that need a refusal notice (s.17 FOIA, reg 14 EIR, s.16 FOISA)."""
        return self in (Status.WITHHELD, Status.REFUSED, Status.NCND)


class Regime(str, Enum):
    FOIA = "FOIA"
    EIR = "EIR"
    FOISA = "FOISA"
    EISR = "EISR"

    @property
    def scottish(self) -> bool:
        return self in (Regime.FOISA, Regime.EISR)

    @property
    def regulations(self) -> bool:
        """EIR and EISR cite regulations and call them exceptions."""
        return self in (Regime.EIR, Regime.EISR)


@dataclass(frozen=True)
class Question:
    """One thing the request asks for.

    `ref` is unique within the request and stable across runs (derived from the numbering
    the requester used, e.g. `1`, `2b`, `B.3`). `branch` names the conditional heading the
    question sits under ("If there is no CCTV maintenance contract in place"), and
    `branch_ref` its ref prefix; `parent` is the ref of the enclosing question, if any.
    `span` indexes into the request document.
    """

    ref: str
    text: str
    span: Span
    label: str = ""  # the numbering as written: "1.", "a)", "(ii)", "Q3", "•"
    parent: str | None = None
    branch: str | None = None
    branch_ref: str | None = None
    depth: int = 0
    conditional: bool = False  # asked only if an earlier answer allows ("If so, ...")


@dataclass(frozen=True)
class Citation:
    """One exemption or exception citation as written in the draft, normalised.

    `key` is canonical: `<REGIME>:<number><path>`, e.g. `FOIA:31(1)(a)`, `EIR:12(5)(e)`.
    `citation` is the key without its regime (`31(1)(a)`), the form the JSON shows.
    """

    key: str
    regime: Regime
    section: str  # "31", "22A", "12"
    path: tuple[str, ...]  # ("1", "a")
    text: str  # exactly as written
    span: Span  # in the response document
    regime_explicit: bool = False  # the draft named the Act or Regulations next to it

    @property
    def citation(self) -> str:
        return self.section + "".join(f"({p})" for p in self.path)


class PitStatus(str, Enum):
    COMPLETE = "complete"
    INCOMPLETE = "incomplete"
    MISSING = "missing"
    NOT_REQUIRED = "not_required"


@dataclass(frozen=True)
class PublicInterestTest:
    """What the draft says about the public interest for one qualified exemption."""

    status: PitStatus
    factors_for: Span | None = None  # factors in favour of disclosure
    factors_against: Span | None = None  # factors in favour of maintaining the exemption
    conclusion: Span | None = None


@dataclass(frozen=True)
class ExemptionAssessment:
    """One distinct exemption the draft relies on, with the law table's view of it."""

    citation: Citation  # the first (most specific) place it is cited
    mentions: tuple[Citation, ...]
    known: bool  # found in the law tables
    short_name: str
    qualified: bool
    prejudice: bool  # harm must be explained
    pit: PublicInterestTest
    harm_explained: bool | None  # None when no harm test applies
    harm_span: Span | None = None
    question_refs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """Where and how the draft deals with one question."""

    question: Question
    status: Status
    span: Span | None  # evidence in the response document
    citations: tuple[Citation, ...] = ()
    note: str = ""  # why this status: shown to the officer
    confidence: float = 1.0
    origin: str = "rules"  # "llm" when the model refined the status (with a verified quote)
    rule_status: Status | None = None  # the rule engine's status, kept when the model refined it


@dataclass(frozen=True)
class RefusalNotice:
    required: bool
    internal_review: Span | None
    regulator_complaint: Span | None
    regulator: str | None  # "ICO" or "SIC" as named in the draft
    advice_and_assistance: Span | None = None


@dataclass(frozen=True)
class ReviewContext:
    """Everything the checks may read: a frozen value, built by `reviewer.pipeline` from what
    parsing and alignment found and completed once by `pipeline.assessed` with the exemption
    assessments and the refusal notice. Checks read those results; they never recompute them."""

    request: Document
    response: Document
    request_span: Span  # where the request text sits in `request`
    response_span: Span  # where the draft's reply sits in `response`
    questions: list[Question]
    answers: list[Answer]
    citations: list[Citation]
    regime: Regime
    regime_explicit: bool
    exemptions: list[ExemptionAssessment] = field(default_factory=list)
    refusal_notice: RefusalNotice | None = None
    allow_contacts: tuple[str, ...] = ()
    staff: StaffList | None = None  # who may be named (settings `staff_list`)
    rules: tuple[RuleSetting, ...] = ()  # the team's per-rule settings, for model findings too

    @property
    def response_text(self) -> str:
        return self.response.text[self.response_span.start : self.response_span.end]


@dataclass(frozen=True)
class DroppedClaim:
    """A model claim left out of the review, and why (usually: its quote is not in the draft)."""

    kind: str  # "question", "exemption", "issue"
    subject: str  # question ref, citation or issue kind
    quote: str
    reason: str


@dataclass(frozen=True)
class CallStat:
    """One model call: which questions, how long, how many tokens (as the server counted them)."""

    refs: tuple[str, ...]
    seconds: float
    input_tokens: int | None  # None when cached or the server reports no usage
    output_tokens: int | None
    cached: bool = False
    response_format: str = ""
    failed: str | None = None  # why the call gave no usable answer (timed out, truncated JSON...)


@dataclass
class ModelReviewInfo:
    """What the optional model tier did for one draft; serialised as the `llm` block."""

    requested: bool = False
    used: bool = False
    model: str | None = None
    endpoint: str | None = None  # scheme://host:port only, never a key or a path with secrets
    prompt_version: str | None = None
    pseudonymised: bool = True
    placeholders: int = 0  # personal values replaced before sending
    cached: bool = False  # every call answered from the cache
    calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0  # as counted locally before sending
    output_tokens: int = 0  # as reported by the server (0 when cached or unknown)
    tokens_exact: bool = True  # False when the model's tokenizer is unknown to tiktoken
    dropped_claims: list[DroppedClaim] = field(default_factory=list)
    added_findings: int = 0
    refined_statuses: int = 0
    failed: str | None = None
    warnings: list[str] = field(default_factory=list)
    per_call: list[CallStat] = field(default_factory=list)
    response_format: str | None = None  # the wire format the server answered in


@dataclass
class Review:
    """The finished review of one draft: what reporters turn into output."""

    context: ReviewContext
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)  # one-line status messages (e.g. LLM off)
    llm: ModelReviewInfo = field(default_factory=ModelReviewInfo)
    suppressed: list[Suppressed] = field(default_factory=list)  # findings deliberately let pass


@dataclass(frozen=True)
class Suppressed:
    """A finding that was found but deliberately let pass, and why.

    `kind` is "inline" (a `foi-review: disable=...` directive in the draft or template, on
    `line`) or "staff-list" (a named officer the staff list says may be published).
    """

    finding: Finding
    reason: str
    kind: str = "inline"
    line: int | None = None


# -- golden cases (`foi-review test`): their outcome, shown by the reporters

PASS, FAIL, UPDATED, ERROR = "pass", "fail", "updated", "error"


@dataclass(frozen=True)
class GoldenResult:
    case: str
    outcome: str  # pass, fail, updated, error
    diff: str = ""
    findings: tuple[tuple[str, str], ...] = ()  # (code, severity) of the review, for --fail-on
