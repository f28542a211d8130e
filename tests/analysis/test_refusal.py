"""Refusal-notice detection and the RN checks, on the project's own seed passages and small
drafts written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import reply_ctx
from reviewer.analysis import refusal
from reviewer.analysis.exemption_assessment import sentence_spans
from reviewer.analysis.refusal import detect_refusal_notice
from reviewer.checks import refusal_notice as checks
from reviewer.core.document import Span
from reviewer.core.model import Answer, Question, RefusalNotice, ReviewContext, Status
from reviewer.pipeline import assessed

ONS_RESPONSE = 'We said\n\nThank you for your request.\n\nWe are unable to release information about what security systems we have in place, the suppliers, equipment and versions of security software, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those.\n\nThis is because we consider disclosing this information would make the us vulnerable to criminal acts as it would aid offenders in avoiding surveillance and protection systems.\n\nWe therefore find s.31(1)(a) to be engaged as the release of the information would prejudice the prevention or detection of crime. We believe that releasing this information would increase the likelihood of criminals using the information to successfully target activity against our premises. For example, knowing makes and number of CCTV cameras would allow criminals to know the extent of our security systems and significantly increase the likelihood of them avoiding detection during any crime. Knowing the extent of our systems could also increase the opportunity to conduct malicious attacks on the system itself, again placing ONS and its staff and assets in a much more vulnerable position.\n\nThis exemption is subject to a public interest test. We recognise that releasing this information would aid transparency and accountability of the ONS, provide reassurance about whether our premises are vulnerable, and provide information about how effective our security measures are. However, we see greater value in the inherent public interest in crime prevention. There is also a public interest in avoiding the costs (financial, distress, inconvenience, publicity, regulatory) associated with any criminal or terrorist attack. By refusing this information we are also preventing any threat to the integrity and security of our sensitive data and are ensuring that we can comply with our duties to take all necessary steps to safeguard the sensitive data, including physical access to it via its premises, documents, and IT systems.\n\nConsequently, we find the public interest falls in favour of withholding the information.\n\n2) The management of our CCTV system sits within in our facilities management (FM) contract.\n\nThe total value of FM contract is £12,301,930.00 (Inclusive of CCTV system).\n\nContract dates are as follows:\xa001/10/2016 -- 30/09/2023'

HW_RESPONSE = 'Under the Freedom of Information, giving information to one honest requester is the same as publishing it to everyone in the world. If we provide information that tells criminals when we last updated our security software for example, or details about our backup systems they could use that information to exploit any known weaknesses and try to hack our systems.\n\nThe Service processes very sensitive data not only personal data but information about emergency response. Emergency operational response information in the wrong hands could make it possible to impede or predict firefighter response. This might assist in the preplanning of a terrorist type attack which might therefore compromise both local and national security in addition to concerns about the health and safety of anyone involved in an incident.\n\nThe Service must take all necessary steps to make sure we keep this information properly safe. This means not telling people information that would allow criminals to gain unlawful access to our systems.\n\nThe Service has considered these issues carefully and we have decided that we do not release information about what IT security systems and backup systems we have in place, the suppliers and versions of our IT security, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those. This is because we consider disclosing this information would make us a target of crime. Therefore this information is exempt from disclosure under section 31 and 24 of the Freedom of Information Act 2000.\n\nSection 31(1)(a) and Section 24 (1) say that we do not need to provide information that would be likely to prejudice the functions of law enforcement- the prevention and detection of crime or likely compromise the safeguarding of national security by impeding or predicting firefighter response . The Service believes that releasing this information would increase the likelihood of criminals using the information to target attacks against Service systems and operations. For example knowing when we last updated a security system would allow criminals to know what vulnerabilities existed at that time and target attacks on those.\n\nAs both Section 31 and Section 24 are qualified exemptions we need to consider the public interest test. On this occasion we believe that the balance of public interest lies in upholding the exemptions and not releasing the information.\n\nIf you are not satisfied with the outcome of the internal review, you may appeal the decision by contacting the Information Commissioner, Wycliffe House, Water Lane, Wilmslow, SK9 5AF, Tel: 0303 123 1113 (alternatively 01625 545745) or E-mail: casework@ico.org.uk\n\nFurther information on Hereford & Worcester Fire and Rescue Service may be viewed at the Service’s website: www.hwfire.org.uk\n\nThank you for your request for information\n\nInformation Governance Team'


def make_ctx(response: str, withheld: bool = False) -> ReviewContext:
    """`reply_ctx` with its citations, and one withheld answer when `withheld`."""
    ctx = reply_ctx(response, "q", cite=True)
    if withheld:
        q = Question(ref="1", text="q", span=Span(0, 1))
        ctx.answers.append(Answer(question=q, status=Status.WITHHELD, span=Span(0, min(10, len(response)))))
    return ctx


def notice(text: str) -> RefusalNotice:
    return detect_refusal_notice(make_ctx(text), True)


def excerpt(text: str, span: Span | None) -> str:
    assert span is not None
    return text[span.start : span.end]


def codes(ctx: ReviewContext) -> list[str]:
    return [f.rule.code for f in checks.run(assessed(ctx))]


def test_ons_seed_has_neither_review_nor_regulator() -> None:
    ctx = make_ctx(ONS_RESPONSE)
    rn = detect_refusal_notice(ctx, True)
    assert rn.internal_review is None and rn.regulator_complaint is None and rn.regulator is None
    assert codes(ctx) == ["RN001", "RN002"]


def test_hw_seed_outcome_sentence_is_not_an_offer_but_ico_right_is_found() -> None:
    ctx = make_ctx(HW_RESPONSE)
    rn = detect_refusal_notice(ctx, True)
    assert rn.internal_review is None
    assert rn.regulator == "ICO"
    assert "Information Commissioner" in excerpt(HW_RESPONSE, rn.regulator_complaint)
    findings = list(checks.run(assessed(ctx)))
    assert [f.rule.code for f in findings] == ["RN001"]
    ev = findings[0].evidence
    assert ev is not None and "outcome of the internal review" in ev.text


def test_internal_review_offers() -> None:
    for text in (
        "If you are dissatisfied with the handling of your request, you have the right to ask for an internal review.",
        "If you are unhappy with this response you may request an internal review by writing to us within 40 working days.",
        "You may make representations under regulation 11 if you think we have not complied.",
        "If you are dissatisfied you can require a review of our decision within 40 working days.",
        # the procedure by another name, or set out in a sheet sent with the reply
        "If you are not satisfied with this reply, please see the enclosed guidance sheet for details of your right to appeal.",
        "Your rights of appeal are explained in the attached leaflet.",
        "If you are unhappy with our decision, please read the accompanying notice, which sets out how to complain.",
    ):
        assert notice(text).internal_review is not None, text


def test_not_review_offers() -> None:
    for text in (
        "If you are not satisfied with the outcome of the internal review, you may appeal to the Information Commissioner.",
        "We have recorded our decision should it need to be reviewed in future by the Information Commissioners Office.",
        "We review our publication scheme every year.",
        # an appeal to the regulator or the tribunal is not the authority's own review
        "You have the right to appeal to the Information Commissioner.",
        "If you disagree with the Commissioner's decision you have a right of appeal to the First-tier Tribunal.",
        "The contractor has a right of appeal against the enforcement notice.",
    ):
        assert notice(text).internal_review is None, text


def test_regulator_rights() -> None:
    rn = notice("If you remain dissatisfied you may complain to the Information Commissioner under section 50.")
    assert rn.regulator == "ICO"
    rn = notice("Information Commissioner's Office\nWycliffe House\nWater Lane\nWilmslow\nSK9 5AF")
    assert rn.regulator == "ICO"
    rn = notice("You then have the right to apply to the Scottish Information Commissioner for a decision.")
    assert rn.regulator == "SIC"
    rn = notice("Our decision may be reviewed in future by the Information Commissioner's Office.")
    assert rn.regulator_complaint is None
    rn = notice("There are 0 posts in the Office of the Police and Crime Commissioner.")
    assert rn.regulator_complaint is None


def test_advice_and_assistance() -> None:
    for text in (
        "If you narrowed your request to the last two years we may be able to help.",
        "You may wish to consider reducing the time period of your request.",
        "If there is a particular part of the request that is most important to you, this would allow us to search.",
    ):
        assert notice(text).advice_and_assistance is not None, text
    assert notice("Your request would exceed the appropriate limit.").advice_and_assistance is None


def test_wrong_regulator_in_scottish_response() -> None:
    text = ("We have handled your request under the Freedom of Information (Scotland) Act 2002 and withhold it "
            "under section 33(1)(b). If you are dissatisfied you may ask for an internal review. "
            "You may then complain to the Information Commissioner's Office, Wycliffe House, Wilmslow.")
    assert "RN003" in codes(make_ctx(text))


def test_cost_refusal_without_advice() -> None:
    text = ("Your request is refused under section 12 of the Freedom of Information Act 2000 as it would exceed "
            "the appropriate limit. If you are dissatisfied you may request an internal review. You may "
            "complain to the Information Commissioner.")
    assert codes(make_ctx(text)) == ["RN004"]
    better = text + " If you narrowed your request to one year we could answer it."
    assert codes(make_ctx(better)) == []


def test_no_refusal_no_findings() -> None:
    assert codes(make_ctx("The supplier is Acme Ltd. The contract runs until 2026.")) == []


def test_required_by_withheld_answer_alone() -> None:
    assert codes(make_ctx("This information is withheld.", withheld=True)) == ["RN001", "RN002"]


# The patterns as they were before the branches were split (the reference the split must match).
_OUTCOME_RE = re.compile(
    r"(?:outcome|result|conclusion|completion|decision|findings?)\s+of\s+(?:the|an|our|your|that|this|any)\s+internal\s+review"
    r"|(?:outcome|result)\s+of\s+(?:our|your)\s+review"
    r"|(?:after|following|once|when)\s+(?:the|an|our|your|that)\s+(?:internal\s+)?review\s+(?:has|is|process)"
    r"|(?:after|following)\s+(?:the|an|our|your)\s+internal\s+review"
    r"|(?:exhausted|completed|concluded)\s+(?:the|our|an|your)\s+(?:internal\s+)?(?:review|complaints?)\s*(?:procedure|process)?"
    r"|review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+(?:Scottish\s+)?Information\s+Commissioner|review(?:ed)?\s+(?:\w+\s+){0,4}?by\s+the\s+ICO",
    re.IGNORECASE,
)
_REVIEW_RE = re.compile(
    r"internal\s+review|review\s+(?:of\s+)?(?:our|the|this|that|its)\s+(?:decision|response|handling|reply)"
    r"|(?:request|ask|apply|applying|asking|requesting|require|requiring|seek)\s+(?:for\s+)?(?:a|an)\s+(?:\w+\s+)?review"
    r"|reconsider\w*|make\s+representations|representations\s+under|complaints?\s+(?:procedure|process|policy)"
    r"|regulation\s+11\b|reg\.?\s*11\b|section\s+20\b|(?:right|ask|entitled)\s+to\s+(?:a\s+)?review",
    re.IGNORECASE,
)
_OFFER_RE = re.compile(
    r"\byou\b|\byour\b|\brequester\b|\bapplicant\b|\bplease\b|\bwithin\s+\d+|\bforty\b|\bif\s+(?:you|dis)",
    re.IGNORECASE,
)
_REGULATOR_NAME_RE = re.compile(
    r"(?P<sic>Scottish\s+Information\s+Commissioner|\bSIC\b|foi\.scot|itspublicknowledge|Kinburn\s+Castle|KY16\s*9DS)"
    r"|(?P<ico>Information\s+Commissioner|\bICO\b|Wycliffe\s+House|SK9\s*5AF|ico\.org\.uk|ico\.gov\.uk|informationcommissioner\.gov\.uk)",
    re.IGNORECASE,
)
_BLOCK_RE = re.compile(
    r"Wycliffe\s+House|SK9\s*5AF|ico\.org\.uk|0303\s*123\s*1113|Kinburn\s+Castle|KY16\s*9DS|foi\.scot|01334\s*464610",
    re.IGNORECASE,
)
_COMPLAIN_RE = re.compile(
    r"\b(?:complain\w*|complaint|apply|application|appeal\w*|refer\w*|contact\w*|write|writing|escalat\w*|"
    r"right\s+to|ask\s+the|raise|take\s+(?:the|this|your)\s+(?:matter|complaint))\b"
    r"|section\s+(?:50|47)\b|s\.?\s?(?:50|47)\b",
    re.IGNORECASE,
)
_ADVICE_RE = re.compile(
    r"\b(?:narrow\w*|refin\w*|reduc\w*|limiting|rephras\w*|reformulat\w*|resubmit\w*|revis\w*|focus\w*|re-?fram\w*|shorten\w*)\b"
    r"[^.]{0,80}?\b(?:request|time\s*(?:period|frame|scale)|timeframe|scope|period|number|years?|dates?|range|search|questions?)"
    r"|(?:if|should)\s+there\s+(?:is|are)\s+(?:a\s+)?(?:particular|specific)\s+(?:part|aspect|area|years?|periods?|items?|information)"
    r"|(?:may|might|would)\s+be\s+able\s+to\s+(?:help|assist|provide|answer|comply)"
    r"|(?:within|under)\s+the\s+(?:cost|appropriate)\s+limit"
    r"|advice\s+and\s+assistance|section\s+16\b|s\.?\s?16\b",
    re.IGNORECASE,
)
_IF_YOU_RE = re.compile(r"\b(?:you|your|if)\b", re.IGNORECASE)
_APPEAL_RE = re.compile(
    r"rights?\s+(?:of|to)\s+appeal"
    r"|(?:attached|enclosed|accompanying)\s+(?:\w+\s+){0,2}(?:sheet|leaflet|notice|guidance)\b[^.]{0,80}?\b(?:rights?|complain\w*|appeal\w*)\b",
    re.IGNORECASE,
)


def _reference_offers_review(sentence: str) -> bool:
    masked = _OUTCOME_RE.sub(" ", sentence)
    if not _OFFER_RE.search(masked):
        return False
    if _REVIEW_RE.search(masked):
        return True
    names_another = "tribunal" in masked.lower() or bool(_REGULATOR_NAME_RE.search(masked))
    return not names_another and bool(_APPEAL_RE.search(masked))


def _reference_regulator_right(sentence: str) -> str | None:
    name = _REGULATOR_NAME_RE.search(sentence)
    if name is None:
        return None
    reg = "SIC" if name.group("sic") else "ICO"
    if _BLOCK_RE.search(sentence):
        return reg
    masked = _OUTCOME_RE.sub(" ", sentence)
    if _COMPLAIN_RE.search(masked) and _OFFER_RE.search(masked):
        return reg
    return None


def _reference_advice(sentence: str) -> bool:
    return bool(_IF_YOU_RE.search(sentence)) and bool(_ADVICE_RE.search(sentence))


def _agree(sentence: str) -> None:
    assert refusal._offers_review(sentence) == _reference_offers_review(sentence), sentence
    assert refusal._regulator_right(sentence) == _reference_regulator_right(sentence), sentence
    assert refusal._advice(sentence) == _reference_advice(sentence), sentence
    assert refusal._OUTCOME.sub(" ", sentence) == _OUTCOME_RE.sub(" ", sentence), sentence


_WORDS = sorted(set(re.findall(r"[A-Za-z0-9]+", " ".join(
    p for alt in (refusal._OUTCOME, refusal._REVIEW, refusal._APPEAL, refusal._OFFER, refusal._SIC_NAME, refusal._ICO_NAME,
                  refusal._BLOCK, refusal._COMPLAIN, refusal._ADVICE) for p in alt.pattern.split("|")
)))) + ["the", "Information Commissioner", "ico.org.uk", "foi.scot", "s.50", "s 16", "  ", "\t", ".", ",", "Tribunal",
        "\u017fection", "\u0131f", "\u0130CO", "\u212aY16"]


@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.booleans()), max_size=16))
def test_split_patterns_decide_like_the_whole_ones(words: list[tuple[str, bool]]) -> None:
    _agree(" ".join(w.upper() if shout else w for w, shout in words))


def test_split_patterns_decide_like_the_whole_ones_on_the_fixture_drafts() -> None:
    for path in sorted((Path(__file__).resolve().parents[2] / "fixtures").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in sentence_spans(text):
            _agree(text[s.start : s.end])


UNFILLED_OFFER = (
    "The tender scores are withheld under section 43(2).\n\n"
    "If you are dissatisfied you may ask for an internal review by writing to ... within 40 working days.\n\n"
    "You may then complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.\n"
)


def test_unfilled_review_offer_is_not_recorded_as_present() -> None:
    """The record and RN001 agree: template wording with its gap left unfilled is no offer."""
    ctx = make_ctx(UNFILLED_OFFER, withheld=True)
    rn = detect_refusal_notice(ctx, True)
    assert rn.internal_review is None and rn.regulator_complaint is not None
    found = [f for f in checks.run(assessed(ctx)) if f.rule.code == "RN001"]
    assert len(found) == 1 and "unfilled" in found[0].message
    assert found[0].evidence is not None and "writing to ..." in found[0].evidence.text


def test_a_filled_offer_after_an_unfilled_one_counts() -> None:
    text = UNFILLED_OFFER + "\nTo ask for a review, please write to foi@example-borough.gov.uk within 40 working days.\n"
    ctx = make_ctx(text, withheld=True)
    rn = detect_refusal_notice(ctx, True)
    assert rn.internal_review is not None and "foi@example-borough.gov.uk" in excerpt(text, rn.internal_review)
    assert "RN001" not in codes(ctx)
