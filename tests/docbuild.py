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


# --- Word automatic numbering -----------------------------------------------------------------

Item = str | tuple[int, str]  # a paragraph, or (level, paragraph) for a nested item


def _add_numbering(d: object, levels: list[tuple[str, str]], start: int = 1) -> int:
    """Add an abstract list with `levels` [(numFmt, lvlText), ...] and one instance of it to the
    document's numbering part, as Word writes them; return the new numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = d.part.numbering_part.element  # type: ignore[attr-defined]
    abstract_ids = [int(a.get(_w("abstractNumId"))) for a in numbering.findall(_w("abstractNum"))]
    num_ids = [int(n.get(_w("numId"))) for n in numbering.findall(_w("num"))]
    aid, nid = max(abstract_ids, default=0) + 1, max(num_ids, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start if i == 0 else 1}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>')
    first_num = numbering.find(_w("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>'))
    return nid


def _restart(d: object, nid: int, at: int = 1) -> int:
    """A new instance of numId `nid`'s list that restarts level 0 at `at` (Word's "Restart at 1")."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = d.part.numbering_part.element  # type: ignore[attr-defined]
    aid = next(n.find(_w("abstractNumId")).get(_w("val")) for n in numbering.findall(_w("num")) if n.get(_w("numId")) == str(nid))
    new = max(int(n.get(_w("numId"))) for n in numbering.findall(_w("num"))) + 1
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{new}"><w:abstractNumId w:val="{aid}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{at}"/></w:lvlOverride></w:num>'
        )
    )
    return new


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _number(paragraph: object, nid: int, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{nid}"/></w:numPr>'))


def docx_numbered(
    path: Path,
    items: list[Item],
    before: list[str] | tuple[str, ...] = (),
    after: list[str] | tuple[str, ...] = (),
    how: str = "style",
    levels: list[tuple[str, str]] | None = None,
    start: int = 1,
) -> Path:
    """A Word file whose `items` use Word's automatic numbering, no number typed in the text.

    `how="style"`: each item has the built-in "List Number" paragraph style, exactly as Word
    saves a list made with that style (the number comes from the style's own w:numPr; nested
    items use "List Number 2"). `how="numpr"`: each item carries w:numPr pointing at a list
    added to numbering.xml with `levels` [(numFmt, lvlText)], by default "1." / "(a)" / "i.".
    `before` and `after` are plain paragraphs around the list (the letter's opening, the
    request for internal review and sign-off)."""
    import docx

    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    nid = 0
    if how == "numpr":
        nid = _add_numbering(d, levels or [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3.")], start)
    for item in items:
        level, text = item if isinstance(item, tuple) else (0, item)
        if how == "style":
            d.add_paragraph(text, style="List Number" if level == 0 else f"List Number {level + 1}")
        else:
            _number(d.add_paragraph(text), nid, level)
    for line in after:
        d.add_paragraph(line)
    d.save(str(path))
    return path


def docx_two_numbered_lists(path: Path, first: list[str], second: list[str], between: str, restart: bool) -> Path:
    """Two numbered lists of one abstract list separated by a paragraph; the second restarts
    at 1 with w:lvlOverride/w:startOverride when `restart`, else continues the count."""
    import docx

    d = docx.Document()
    nid = _add_numbering(d, [("decimal", "%1.")])
    for t in first:
        _number(d.add_paragraph(t), nid, 0)
    d.add_paragraph(between)
    second_id = _restart(d, nid) if restart else nid
    for t in second:
        _number(d.add_paragraph(t), second_id, 0)
    d.save(str(path))
    return path


def odt_numbered(path: Path, items: list[Item], before: list[str] | tuple[str, ...] = (), after: list[str] | tuple[str, ...] = ()) -> Path:
    """An OpenDocument text file (built with odfpy) whose `items` are an automatically
    numbered list, "1." at the top level and "a)" nested, as LibreOffice writes one."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.text import List, ListItem, ListLevelStyleNumber, ListStyle, P

    doc = OpenDocumentText()
    style = ListStyle(name="Numbering_1")
    style.addElement(ListLevelStyleNumber(level=1, numformat="1", numsuffix=".", startvalue=1))
    lvl2 = ListLevelStyleNumber(level=2, numformat="a", numsuffix=")", startvalue=1)
    lvl2.addElement(ListLevelProperties(spacebefore="0.5in"))
    style.addElement(lvl2)
    doc.automaticstyles.addElement(style)
    for line in before:
        doc.text.addElement(P(text=line))
    top = List(stylename=style)
    current: ListItem | None = None
    for item in items:
        level, text = item if isinstance(item, tuple) else (0, item)
        if level == 0 or current is None:
            current = ListItem()
            current.addElement(P(text=text))
            top.addElement(current)
        else:
            sub = List()
            li = ListItem()
            li.addElement(P(text=text))
            sub.addElement(li)
            current.addElement(sub)
    doc.text.addElement(top)
    for line in after:
        doc.text.addElement(P(text=line))
    doc.save(str(path))
    return path


# --- E-mail replies with the request quoted underneath ------------------------------------------

REQUESTER = "A Requester <a.requester@example.com>"


def quoted_reply(reply: str, request: str = REQUEST, style: str = "outlook") -> str:
    """`reply` with `request` quoted underneath, as a mail program leaves it.

    styles: "outlook" (-----Original Message----- and Outlook's From/Sent/To/Subject block),
    "outlook-line" (Outlook's line of underscores then the header block), "wrote" ("On <date>,
    <name> wrote:" and every line quoted with ">")."""
    reply = reply.rstrip("\n") + "\n\n"
    if style == "wrote":
        quoted = "\n".join(f"> {line}" if line else ">" for line in request.rstrip("\n").split("\n"))
        return reply + f"On Mon, 3 Mar 2025 at 10:12, {REQUESTER} wrote:\n\n{quoted}\n"
    head = (
        f"From: {REQUESTER}\nSent: 03 March 2025 10:12\nTo: FOI <foi@council.gov.uk>\n"
        "Subject: Freedom of Information request\n\n"
    )
    sep = "-----Original Message-----\n" if style == "outlook" else "________________________________\n"
    return reply + sep + head + request


def eml_reply(path: Path, reply: str, request: str = REQUEST, style: str = "outlook", attachment: Path | None = None) -> Path:
    """An .eml reply whose body quotes the request underneath (see `quoted_reply`)."""
    m = EmailMessage()
    m["From"] = "FOI <foi@council.gov.uk>"
    m["To"] = REQUESTER
    m["Subject"] = "RE: Freedom of Information request"
    m["Date"] = "Mon, 24 Mar 2025 09:00:00 +0000"
    m.set_content(quoted_reply(reply, request, style))
    if attachment is not None:
        m.add_attachment(attachment.read_bytes(), maintype="application", subtype="octet-stream", filename=attachment.name)
    path.write_bytes(bytes(m))
    return path


def pdf_from_objects(path: Path, objects: list[bytes], trailer: str = "/Root 1 0 R") -> Path:
    """A PDF file of numbered `objects` (object 1 first), with its cross-reference table: for
    tests that need PDF features the writing libraries do not make (annotations, /Info)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
