"""Generate realistic request/response pairs for benchmarks (and other tests that need volume).

Each pair is built from templates written for this project: a request of 3-12 numbered
questions (some with lettered parts or an "If yes," branch), and a draft in one of the layouts
real bodies use (echo then answer, numbered answers, echo-all then one reply, prose), with
refusals, exemption reasoning, a public interest test and the closing review/ICO paragraphs,
padded to the 5-10 KB a real draft runs to.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOPICS = [
    ("CCTV maintenance", "cameras", "the CCTV maintenance contract"),
    ("agency nursing", "agency shifts", "the agency staffing framework"),
    ("parking enforcement", "penalty charge notices", "the parking enforcement contract"),
    ("pothole repairs", "potholes", "the highways term maintenance contract"),
    ("library opening hours", "library visits", "the library management system contract"),
    ("fleet vehicles", "vehicle collisions", "the fleet leasing contract"),
    ("school transport", "transport routes", "the home-to-school transport framework"),
    ("waste collection", "missed bins", "the waste collection contract"),
]
ASKS = [
    "How many {thing} were recorded in each of the last three financial years?",
    "What was the total annual cost of {contract} in 2023/24?",
    "Please provide the name of the supplier for {contract}.",
    "When does {contract} expire, and is there an option to extend it?",
    "How many complaints about {topic} did you receive in 2023?",
    "Please provide a copy of your current policy on {topic}.",
    "How many staff work on {topic}, broken down by grade?",
    "What is the budget for {topic} in the current financial year?",
    "Please list the performance indicators used to monitor {contract}.",
    "How many {thing} were reported by members of the public last year?",
    "Who is responsible for managing {contract}? Please provide their job title.",
    "Has {contract} been reviewed since it was awarded? If so, when?",
]
ANSWERS = [
    "{n:,}",
    "\u00a3{n:,}",
    "The supplier is Northway Services Ltd.",
    "The contract ends on 31 March 2027 with an option to extend by two years.",
    "We do not hold this information.",
    "This information is published on our website at https://www.example.gov.uk/{slug}.",
    "A copy of the policy is attached.",
    "2021/22: {n}, 2022/23: {m}, 2023/24: {k}.",
    "No.",
    "Yes, in September 2023.",
]
WITHHELD = (
    "This information is withheld under section 43(2) of the Freedom of Information Act 2000 because "
    "its release would be likely to prejudice the commercial interests of the council and its supplier."
)
PIT = (
    "Section 43(2) is a qualified exemption and we have considered the public interest. In favour of "
    "disclosure, we recognise the public interest in transparency and accountability for the spending of "
    "public money. In favour of maintaining the exemption, there is a public interest in the council "
    "obtaining value for money, which would be harmed if competitors could see current pricing ahead of "
    "the re-tender. On balance, we have concluded that the public interest in maintaining the exemption "
    "outweighs the public interest in disclosure."
)
CLOSING = (
    "If you are dissatisfied with the handling of your request, you have the right to ask for an internal "
    "review. Internal review requests should be submitted within 40 working days of the date of this "
    "response to foi@example.gov.uk.\n\n"
    "If you are not content with the outcome of the internal review, you have the right to apply directly to "
    "the Information Commissioner for a decision. The Information Commissioner can be contacted at: "
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF, "
    "telephone 0303 123 1113, https://ico.org.uk/make-a-complaint/.\n\n"
    "Please note that this response, with personal details removed, will be published in our disclosure "
    "log. Information released under the Act may be re-used under the Open Government Licence.\n\n"
    "Yours sincerely,\n\nInformation Governance Team\nExample Borough Council\n"
)
FILLER = (
    "The council is committed to openness and publishes a wide range of information about its services, "
    "spending and performance through its publication scheme. Where information is already published we "
    "will tell you where it can be found; where it is not held we will say so; and where we rely on an "
    "exemption we will explain which one and why, so that you can decide whether to ask for a review. "
)


@dataclass(frozen=True)
class Pair:
    request: str
    response: str


def generate(count: int, seed: int = 1) -> list[Pair]:
    rng = random.Random(seed)
    return [_pair(rng, i) for i in range(count)]


def _pair(rng: random.Random, i: int) -> Pair:
    topic, thing, contract = rng.choice(TOPICS)
    n = rng.randint(3, 12)
    asks = [rng.choice(ASKS).format(topic=topic, thing=thing, contract=contract) for _ in range(n)]
    req_lines = [f"Dear FOI Officer,\n\nUnder the Freedom of Information Act please provide the following about {topic}:\n"]
    for k, ask in enumerate(asks, 1):
        req_lines.append(f"{k}. {ask}")
        if rng.random() < 0.15:
            req_lines.append(f"a) for {thing} in 2023\nb) for {thing} in 2024")
    req_lines.append("\nMany thanks,\nA. Requester\n")
    request = "\n".join(req_lines)

    withheld_any = False
    answers = []
    for _ in asks:
        if rng.random() < 0.12:
            withheld_any = True
            answers.append(WITHHELD)
        else:
            answers.append(
                rng.choice(ANSWERS).format(
                    n=rng.randint(1, 90000), m=rng.randint(1, 900), k=rng.randint(1, 900), slug=topic.replace(" ", "-")
                )
            )
    layout = rng.choice(("echo", "echo", "numbered", "prose"))
    parts = [f"Freedom of Information request FOI-{2024}-{i:05d}\n\nThank you for your request about {topic}, which we have handled under the Freedom of Information Act 2000.\n"]
    if layout == "echo":
        for k, (ask, ans) in enumerate(zip(asks, answers), 1):
            parts.append(f"{k}. {ask}\n{ans}\n")
    elif layout == "numbered":
        for k, ans in enumerate(answers, 1):
            parts.append(f"{k}. {ans}\n")
    else:
        parts.append(" ".join(answers) + "\n")
    if withheld_any:
        parts.append(PIT + "\n")
    body = "\n".join(parts)
    target = rng.randint(5000, 10000) - len(CLOSING)
    while len(body) < target:
        body += "\n" + FILLER
    return Pair(request, body + "\n\n" + CLOSING)
