"""Build real Word, Excel, PDF and e-mail files with real libraries, for the loader tests.

Every builder writes to a path and returns it; nothing here is committed as a binary fixture.
"""

from __future__ import annotations

import textwrap
from email.message import EmailMessage
from pathlib import Path

REQUEST = """Dear Council,

Under the Freedom of Information Act 2000 please provide:

1. The name of the supplier of your CCTV maintenance contract.
2. The annual cost of the contract in each of the last three years.
3. The number of cameras covered by the contract.
4. A copy of the most recent inspection report.

Yours faithfully,
A. Requester
"""

RESPONSE = """Freedom of Information request reference FOI-2024-0113

Thank you for your request for information, which we have dealt with under the Freedom of
Information Act 2000.

1. The name of the supplier of your CCTV maintenance contract.
The supplier is Acme Security Systems Ltd.

2. The annual cost of the contract in each of the last three years.
The contract cost £41,000 in 2021/22, £42,500 in 2022/23 and £44,000 in 2023/24.

3. The number of cameras covered by the contract.
We do not hold this information. The contract is priced per site, not per camera.

4. A copy of the most recent inspection report.
This information is withheld under section 31(1)(a) of the Act (law enforcement), because
releasing the locations of weak points would be likely to prejudice the prevention of crime.
We have considered the public interest. In favour of disclosure is the transparency of
spending on public safety. In favour of maintaining the exemption is the need to protect the
security of the sites. We have concluded that the public interest in maintaining the
exemption outweighs the public interest in disclosure.

If you are dissatisfied with the handling of your request, you can ask for an internal review
by writing to foi@council.gov.uk within 40 working days. If you are still not satisfied you
may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow,
Cheshire SK9 5AF.

Yours sincerely,
Information Governance Team
"""


def docx_from_text(text: str, path: Path) -> Path:
    import docx

    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(str(path))
    return path


def pdf_from_text(text: str, path: Path, width: int = 100) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for para in text.split("\n"):
        for line in textwrap.wrap(para, width) or [""]:
            if y < 60:
                c.showPage()
                y = 800.0
            c.setFont("Helvetica", 9)
            c.drawString(50, y, line)
            y -= 12
    c.save()
    return path


def word_with_hidden_content(path: Path) -> Path:
    """A reply with a comment, a tracked deletion and an author in its properties."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.core_properties.author = "Jane Smith"
    d.core_properties.last_modified_by = "Information Governance Team"
    d.add_paragraph("1. The supplier is Acme Security Systems Ltd.")
    p = d.add_paragraph("2. The contract is managed by ")
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="Jane Smith" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:delText>Bob Jones (bob.jones@council.gov.uk)</w:delText></w:r></w:del>"
        )
    )
    p.add_run("the facilities team.")
    run = d.add_paragraph("3. We do not hold this information.").runs[0]
    d.add_comment([run], text="Is this right? Ask Bob on 07700 900123", author="Jane Smith", initials="JS")
    d.save(str(path))
    return path


def excel_with_hidden_staff(path: Path) -> Path:
    """A cost table with two hidden columns and a very hidden sheet of names and e-mails."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Costs"
    ws.append(["Year", "Cost", "Approved by", "Approver e-mail"])
    ws.append(["2021/22", 41000, "Alice Brown", "alice.brown@council.gov.uk"])
    ws.append(["2022/23", 42500, "Carol White", "carol.white@council.gov.uk"])
    ws.column_dimensions["C"].hidden = True
    ws.column_dimensions["D"].hidden = True
    staff = wb.create_sheet("Staff")
    staff.sheet_state = "veryHidden"
    staff.append(["Name", "E-mail"])
    for first, last in (("Dan", "Green"), ("Erin", "Black"), ("Frank", "Gray")):
        staff.append([f"{first} {last}", f"{first.lower()}.{last.lower()}@council.gov.uk"])
    wb.save(str(path))
    return path


def pdf_with_box_over_text(path: Path, proper: bool = False) -> Path:
    """Page 1 names an officer and draws a black box over the name. With `proper`, the name is
    not written at all (what a real redaction tool leaves): the box covers nothing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    c.drawString(72, 800, "1. The supplier is Acme Security Systems Ltd.")
    if proper:
        c.drawString(72, 780, "2. The contract manager is")
    else:
        c.drawString(72, 780, "2. The contract manager is Alice Brown.")
    c.setFillColorRGB(0, 0, 0)
    c.rect(205, 776, 80, 15, fill=1, stroke=0)
    # a light table shading and a highlight behind legible text: never findings
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.rect(70, 755, 300, 15, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 0.5)
    c.rect(70, 735, 120, 15, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(72, 760, "3. We do not hold this information.")
    c.drawString(72, 740, "Highlighted note.")
    c.showPage()
    c.drawString(72, 800, "4. This information is withheld.")
    c.save()
    return path


def eml_with_attachment(path: Path, attachment: Path, body: str = RESPONSE) -> Path:
    m = EmailMessage()
    m["From"] = "foi@council.gov.uk"
    m["To"] = "a.requester@example.com"
    m["Subject"] = "Your request FOI-2024-0113"
    m.set_content(body)
    m.add_attachment(
        attachment.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=attachment.name,
    )
    path.write_bytes(bytes(m))
    return path


def msg_with_attachment(path: Path, attachment: Path | None, body: str = RESPONSE) -> Path:
    """An Outlook .msg built with msgforge (MIT), the draft in the body and an attachment."""
    from msgforge import Message

    m = Message(subject="Your request FOI-2024-0113", text_body=body, to=[("a.requester@example.com", "A Requester")])
    if attachment is not None:
        m.attach_bytes(attachment.name, attachment.read_bytes())
    m.save(str(path))
    return path
