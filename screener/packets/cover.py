"""Page 1: what a receiving case manager needs in 30 seconds. Who (name, date of birth,
language, how to reach them), why referred (one plain line per program), release and
supervision, documents had and lacking, the referring worker to call back, and how consent
stands for health information; the referral id with its QR code; urgent flags (only those
consent covers: the view holds no others).

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.platypus import Flowable, Spacer

from screener.domain import SENSITIVE_KINDS
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.model import PacketContent, ProgramContact, ProgramSection, Withheld
from screener.packets.privacy import mask_ssn
from screener.packets.render import FRAME_WIDTH, Ctx, box, coloured, kv_table, table

QR_SIZE = 96.0
_OUTCOME_COLOURS = {"eligible": st.GREEN, "not_eligible": st.RED, "needs_information": st.AMBER}
_TOP_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (1, 0), (1, 0), "CENTER"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]


@lru_cache(maxsize=256)
def _qr_path(value: str) -> Any:
    """The dark modules of `value`'s QR code as one PDF path: reportlab's QR widget encodes
    and lays it out once per value; drawing it again appends one cached string."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.pdfgen.pathobject import PDFPathObject

    widget = QrCodeWidget(value, barWidth=QR_SIZE, barHeight=QR_SIZE, barBorder=2, barLevel="M")
    path = PDFPathObject()
    for shape in widget.draw().contents:
        if shape.fillColor is not None:  # the first shape is the unfilled quiet zone
            path.rect(shape.x, shape.y, shape.width, shape.height)
    return path


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A QR code, QR_SIZE points square."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.width = self.height = QR_SIZE
        self.hAlign = "CENTER"
        self._path = _qr_path(value)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return QR_SIZE, QR_SIZE

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColorRGB(0, 0, 0)
        self.canv.drawPath(self._path, stroke=0, fill=1)
        self.canv.restoreState()


def outcome_markup(ctx: Ctx, program: ProgramSection) -> str:
    """The program's outcome word, bold and coloured."""
    word = ctx.t(lb.OUTCOMES[program.outcome])
    return coloured(f"<b>{word}</b>", _OUTCOME_COLOURS[program.outcome])


def placeholder_warning(ctx: Ctx) -> Any:
    """The red box printed wherever a shipped example contact is in use."""
    text = ctx.para("⚠ " + ctx.t(lb.PLACEHOLDER_WARNING), ctx.styles.warning)
    return box(text, st.RED, st.RED_SHADE)


def withheld_markup(ctx: Ctx, withheld: Withheld) -> str:
    """The one line that stands for something sensitive consent does not cover."""
    kind = ctx.t(lb.KIND_NAMES[withheld.kind])
    return coloured(ctx.t(lb.WITHHELD[withheld.cover], kind=kind), st.AMBER)


def cover(ctx: Ctx, content: PacketContent) -> list[Any]:
    """Page 1, as flowables."""
    s = ctx.styles
    heading = [
        ctx.para(ctx.t(lb.PACKET_TITLE), s.title),
        ctx.para(ctx.t(lb.PACKET_SUBTITLE), s.subtitle),
    ]
    referral_id = ctx.redact(content.referral_id)
    qr = [QrCode(referral_id), ctx.para(ctx.data(referral_id), s.muted)]
    top = table([[heading, qr]], [FRAME_WIDTH - QR_SIZE - 10, QR_SIZE + 10], _TOP_STYLE)
    out: list[Any] = [top, Spacer(1, 6)]

    urgent = [f for f in content.flags if f.urgent]
    if urgent:
        lines = [ctx.para(f"⚠ {ctx.t(lb.URGENT)}: {ctx.data(f.text)}", s.urgent) for f in urgent]
        out += [box(lines, st.RED, st.RED_SHADE, weight=2), Spacer(1, 6)]
    for contact, titles in unique_contacts(content.programs):
        lines = [f"<b>{ctx.t(lb.PROVIDER)}: {ctx.data(contact.provider_name)}</b>"]
        lines += [ctx.data(" · ".join(v for v in (contact.phone, contact.email) if v))]
        if len(content.programs) > 1:
            lines.insert(0, coloured(ctx.data(", ".join(titles)), st.MUTED))
        out.append(ctx.para("<br/>".join(line for line in lines if line), s.body))
        if contact.placeholder:
            out += [placeholder_warning(ctx), Spacer(1, 4)]
    out.append(kv_table(ctx, _rows(ctx, content)))
    return out


def _rows(ctx: Ctx, content: PacketContent) -> list[tuple[Any, Any]]:
    client = content.client
    name = f"<b>{ctx.data(client.full_name)}</b>"
    if client.preferred_name:
        name += f" ({ctx.data(client.preferred_name)})"
    who = [name]
    if client.dob:
        who.append(f"{ctx.t(lb.DOB)}: {lb.format_date(client.dob, ctx.lang)}")
    if client.language:
        who.append(f"{ctx.t(lb.LANGUAGE)}: {ctx.data(client.language)}")
    if masked := mask_ssn(client.ssn):
        who.append(f"{ctx.t(lb.SSN_LAST4)}: {masked}")
    reach = [ctx.data(v) for v in (client.phone, client.email, client.address) if v]
    if client.other_contact:
        reach.append(f"{ctx.t(lb.OTHER_CONTACT)}: {ctx.data(client.other_contact)}")
    rows: list[tuple[Any, Any]] = [
        (lb.CLIENT, ctx.cell_paras(who)),
        (lb.REACH, ctx.cell_paras(reach) if reach else ctx.value(None)),
        (lb.WHY_REFERRED, ctx.cell_paras(_why(ctx, p) for p in content.programs)),
        (lb.HEALTH_INFORMATION, ctx.cell_paras(_health(ctx, content))),
        (lb.RELEASE, ctx.cell_paras(_release(ctx, content)) or ctx.value(None)),
        (lb.DOCUMENTS, ctx.cell_paras(_documents(ctx, content.programs))),
        (lb.REFERRED_BY, ctx.cell_paras(_worker(ctx, content))),
    ]
    others = [ctx.data(f.text) for f in content.flags if not f.urgent]
    if others:
        rows.insert(4, (lb.ALERTS, ctx.cell_paras(others)))
    return rows


def _why(ctx: Ctx, program: ProgramSection) -> str:
    line = f"<b>{ctx.data(program.title)}</b> · {outcome_markup(ctx, program)}"
    if program.outcome == "eligible" and program.qualifies_because:
        reasons = ctx.data(" · ".join(program.qualifies_because))
        line += f"<br/>{ctx.t(lb.QUALIFIES_BECAUSE)}: {reasons}"
    if program.missing:
        line += f"<br/>{ctx.t(lb.MISSING)}: {ctx.data(' · '.join(program.missing))}"
    if program.priority:
        line += f"<br/>{ctx.t(lb.PRIORITY)}: {ctx.data(' · '.join(program.priority))}"
    return line


def _release(ctx: Ctx, content: PacketContent) -> list[str]:
    sit = content.client.situation
    lines = []
    if sit.release_date:
        lines.append(ctx.t(lb.RELEASE_DATE, date=lb.format_date(sit.release_date, ctx.lang)))
    if sit.custody:
        lines.append(ctx.data(sit.custody))
    if sit.supervision:
        lines.append(f"{ctx.t(lb.SUPERVISION)}: {ctx.data(sit.supervision)}")
    officer = " · ".join(v for v in (sit.officer_name, sit.officer_phone) if v)
    if officer:
        lines.append(f"{ctx.t(lb.OFFICER)}: {ctx.data(officer)}")
    return lines


def _documents(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[str]:
    docs: dict[str, bool | None] = {}
    for p in programs:
        for d in p.documents:
            docs.setdefault(d.label, d.on_hand)
    groups = [(lb.HAS_DOCUMENTS, True), (lb.NEEDS_DOCUMENTS, False),
              (lb.UNCHECKED_DOCUMENTS, None)]
    lines = [f"{ctx.t(label)}: {ctx.data(', '.join(k for k, v in docs.items() if v is value))}"
             for label, value in groups if any(v is value for v in docs.values())]
    return lines or [ctx.t(lb.NO_DOCUMENTS)]


def _worker(ctx: Ctx, content: PacketContent) -> list[str]:
    w = content.worker
    first = f"<b>{ctx.data(w.name)}</b>" + (f", {ctx.data(w.agency)}" if w.agency else "")
    contact = " · ".join(v for v in (w.phone, w.email) if v)
    return [first, *([ctx.data(contact)] if contact else [])]


def _health(ctx: Ctx, content: PacketContent) -> list[str]:
    """One line per sensitive kind: shared, or withheld and why (three states, DESIGN §7)."""
    lines = []
    for kind in SENSITIVE_KINDS:
        title = ctx.t(lb.SENSITIVE_KIND_TITLES[kind])
        state = content.cover.get(kind, "none")
        if state == "covered":
            lines.append(f"{title}: {ctx.t(lb.COVERED)}")
        else:
            lines.append(withheld_markup(ctx, Withheld(kind, state)))
    return lines


def unique_contacts(
    programs: Sequence[ProgramSection],
) -> list[tuple[ProgramContact, list[str]]]:
    """Each distinct contact with the titles of the programs that use it."""
    found: dict[ProgramContact, list[str]] = {}
    for program in programs:
        found.setdefault(program.contact, []).append(program.title)
    return list(found.items())
