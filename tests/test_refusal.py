"""Refusal-notice detection and the RN checks, on the project's own seed passages and small
drafts written for these tests."""

from __future__ import annotations

from reviewer.checks import refusal_notice as checks
from reviewer.citations import detect_regime, find_citations
from reviewer.document import Document, Span
from reviewer.model import Answer, Question, RefusalNotice, ReviewContext, Status
from reviewer.refusal import detect_refusal_notice

ONS_RESPONSE = 'We said\n\nThank you for your request.\n\nWe are unable to release information about what security systems we have in place, the suppliers, equipment and versions of security software, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those.\n\nThis is because we consider disclosing this information would make the us vulnerable to criminal acts as it would aid offenders in avoiding surveillance and protection systems.\n\nWe therefore find s.31(1)(a) to be engaged as the release of the information would prejudice the prevention or detection of crime. We believe that releasing this information would increase the likelihood of criminals using the information to successfully target activity against our premises. For example, knowing makes and number of CCTV cameras would allow criminals to know the extent of our security systems and significantly increase the likelihood of them avoiding detection during any crime. Knowing the extent of our systems could also increase the opportunity to conduct malicious attacks on the system itself, again placing ONS and its staff and assets in a much more vulnerable position.\n\nThis exemption is subject to a public interest test. We recognise that releasing this information would aid transparency and accountability of the ONS, provide reassurance about whether our premises are vulnerable, and provide information about how effective our security measures are. However, we see greater value in the inherent public interest in crime prevention. There is also a public interest in avoiding the costs (financial, distress, inconvenience, publicity, regulatory) associated with any criminal or terrorist attack. By refusing this information we are also preventing any threat to the integrity and security of our sensitive data and are ensuring that we can comply with our duties to take all necessary steps to safeguard the sensitive data, including physical access to it via its premises, documents, and IT systems.\n\nConsequently, we find the public interest falls in favour of withholding the information.\n\n2) The management of our CCTV system sits within in our facilities management (FM) contract.\n\nThe total value of FM contract is £12,301,930.00 (Inclusive of CCTV system).\n\nContract dates are as follows:\xa001/10/2016 -- 30/09/2023'

HW_RESPONSE = 'Under the Freedom of Information, giving information to one honest requester is the same as publishing it to everyone in the world. If we provide information that tells criminals when we last updated our security software for example, or details about our backup systems they could use that information to exploit any known weaknesses and try to hack our systems.\n\nThe Service processes very sensitive data not only personal data but information about emergency response. Emergency operational response information in the wrong hands could make it possible to impede or predict firefighter response. This might assist in the preplanning of a terrorist type attack which might therefore compromise both local and national security in addition to concerns about the health and safety of anyone involved in an incident.\n\nThe Service must take all necessary steps to make sure we keep this information properly safe. This means not telling people information that would allow criminals to gain unlawful access to our systems.\n\nThe Service has considered these issues carefully and we have decided that we do not release information about what IT security systems and backup systems we have in place, the suppliers and versions of our IT security, how often we update and amend our security, whether we have identified particular issues or vulnerabilities and what we have done to strengthen those. This is because we consider disclosing this information would make us a target of crime. Therefore this information is exempt from disclosure under section 31 and 24 of the Freedom of Information Act 2000.\n\nSection 31(1)(a) and Section 24 (1) say that we do not need to provide information that would be likely to prejudice the functions of law enforcement- the prevention and detection of crime or likely compromise the safeguarding of national security by impeding or predicting firefighter response . The Service believes that releasing this information would increase the likelihood of criminals using the information to target attacks against Service systems and operations. For example knowing when we last updated a security system would allow criminals to know what vulnerabilities existed at that time and target attacks on those.\n\nAs both Section 31 and Section 24 are qualified exemptions we need to consider the public interest test. On this occasion we believe that the balance of public interest lies in upholding the exemptions and not releasing the information.\n\nIf you are not satisfied with the outcome of the internal review, you may appeal the decision by contacting the Information Commissioner, Wycliffe House, Water Lane, Wilmslow, SK9 5AF, Tel: 0303 123 1113 (alternatively 01625 545745) or E-mail: casework@ico.org.uk\n\nFurther information on Hereford & Worcester Fire and Rescue Service may be viewed at the Service’s website: www.hwfire.org.uk\n\nThank you for your request for information\n\nInformation Governance Team'


def make_ctx(response: str, withheld: bool = False) -> ReviewContext:
    doc = Document(response, "draft.txt")
    regime, explicit = detect_regime(response)
    cites = find_citations(response, 0, len(response), regime)
    answers = []
    if withheld:
        q = Question(ref="1", text="q", span=Span(0, 1))
        answers.append(Answer(question=q, status=Status.WITHHELD, span=Span(0, min(10, len(response)))))
    return ReviewContext(Document("q", "req.txt"), doc, Span(0, 1), Span(0, len(response)), [], answers,
                         cites, regime, explicit)


def notice(text: str) -> RefusalNotice:
    return detect_refusal_notice(make_ctx(text), True)


def excerpt(text: str, span: Span | None) -> str:
    assert span is not None
    return text[span.start : span.end]


def codes(ctx: ReviewContext) -> list[str]:
    return [f.rule.code for f in checks.run(ctx)]


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
    findings = list(checks.run(ctx))
    assert [f.rule.code for f in findings] == ["RN001"]
    ev = findings[0].evidence
    assert ev is not None and "outcome of the internal review" in ev.text


def test_internal_review_offers() -> None:
    for text in (
        "If you are dissatisfied with the handling of your request, you have the right to ask for an internal review.",
        "If you are unhappy with this response you may request an internal review by writing to us within 40 working days.",
        "You may make representations under regulation 11 if you think we have not complied.",
        "If you are dissatisfied you can require a review of our decision within 40 working days.",
    ):
        assert notice(text).internal_review is not None, text


def test_not_review_offers() -> None:
    for text in (
        "If you are not satisfied with the outcome of the internal review, you may appeal to the Information Commissioner.",
        "We have recorded our decision should it need to be reviewed in future by the Information Commissioners Office.",
        "We review our publication scheme every year.",
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
