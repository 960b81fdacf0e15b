"""The cover sheet: referral id with its QR code, date, staff, client, programs and their
outcomes, what health information is shared, the receiving provider(s), urgent flags.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.platypus import Flowable, Spacer

from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.consent import Sharing
from screener.packets.model import SENSITIVE_KINDS, PacketContent, ProgramContact, ProgramSection
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


def cover(
    ctx: Ctx, content: PacketContent, sharing: Sharing, section_titles: Sequence[str]
) -> list[Any]:
    """The cover sheet, as flowables."""
    s = ctx.styles
    heading = [
        ctx.para(ctx.t(lb.PACKET_TITLE), s.title),
        ctx.para(ctx.t(lb.PACKET_SUBTITLE), s.subtitle),
    ]
    referral_id = ctx.redact(content.referral_id)
    qr = [QrCode(referral_id), ctx.para(ctx.data(referral_id), s.muted)]
    top = table([[heading, qr]], [FRAME_WIDTH - QR_SIZE - 10, QR_SIZE + 10], _TOP_STYLE)
    out: list[Any] = [top, Spacer(1, 10)]

    urgent = [f for f in content.flags if f.urgent]
    if urgent:
        lines = [ctx.para(f"⚠ {ctx.t(lb.URGENT)}: {ctx.data(f.text)}", s.urgent) for f in urgent]
        out += [box(lines, st.RED, st.RED_SHADE, weight=2), Spacer(1, 10)]

    out.append(kv_table(ctx, _summary_rows(ctx, content, sharing)))
    out += ctx.heading(ctx.t(lb.PROVIDER), "h2")
    for contact, titles in _unique_contacts(content.programs):
        lines = [f"<b>{ctx.data(contact.provider_name)}</b>"]
        lines += [ctx.data(v) for v in (contact.phone, contact.email, contact.address) if v]
        if len(content.programs) > 1:
            lines.insert(0, coloured(ctx.data(", ".join(titles)), st.MUTED))
        out.append(ctx.para("<br/>".join(lines), s.body))
        if contact.placeholder:
            out += [placeholder_warning(ctx), Spacer(1, 6)]

    others = [f for f in content.flags if not f.urgent]
    if others:
        out += ctx.heading(ctx.t(lb.ALERTS), "h2")
        out += ctx.bullets(f.text for f in others)

    out += ctx.heading(ctx.t(lb.CONTENTS), "h2")
    out += ctx.bullets_markup(section_titles)
    return out


def _summary_rows(ctx: Ctx, content: PacketContent, sharing: Sharing) -> list[tuple[Any, Any]]:
    s = ctx.styles
    client = content.client
    name = ctx.data(client.full_name)
    if client.preferred_name:
        name += f" ({ctx.data(client.preferred_name)})"
    programs = [
        ctx.para(
            f"<b>{ctx.data(p.title)}</b> — {ctx.data(p.track_title)} · {outcome_markup(ctx, p)}",
            s.cell,
        )
        for p in content.programs
    ]
    day = lb.format_date(lb.local_time(content.generated_at).date(), ctx.lang)
    rows: list[tuple[Any, Any]] = [
        (lb.REFERRAL_ID, ctx.value(content.referral_id, s.cell_bold)),
        (lb.DATE, ctx.para(day, s.cell)),
        (lb.PREPARED_BY, ctx.value(content.staff_name)),
        (lb.CLIENT, ctx.para(name, s.cell_bold)),
        (lb.PROGRAMS, programs),
    ]
    rows.append((lb.HEALTH_INFORMATION, _sharing_lines(ctx, sharing)))
    return rows


def _sharing_lines(ctx: Ctx, sharing: Sharing) -> list[Any]:
    """One line per sensitive kind: shared (under which consents), none on file, or withheld."""
    lines = []
    for kind in SENSITIVE_KINDS:
        title = ctx.t(lb.SENSITIVE_KIND_TITLES[kind])
        if kind in sharing.shared:
            ids = ctx.data(", ".join(sharing.consent_ids.get(kind, ())))
            state = f"{ctx.t(ct.SHARED)} ({ctx.t(ct.CONSENT_ID, id=ids)})"
        elif kind in sharing.permitted:
            state = ctx.t(lb.NONE_ON_FILE)
        else:
            state = coloured(f"<b>{ctx.t(ct.WITHHELD_SHORT)}</b>", st.AMBER)
        lines.append(f"{title}: {state}")
    return ctx.cell_paras(lines)


def _unique_contacts(
    programs: Sequence[ProgramSection],
) -> list[tuple[ProgramContact, list[str]]]:
    """Each distinct contact with the titles of the programs that use it."""
    found: dict[ProgramContact, list[str]] = {}
    for program in programs:
        found.setdefault(program.contact, []).append(program.title)
    return list(found.items())
