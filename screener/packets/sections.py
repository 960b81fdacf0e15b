"""The packet's sections as platypus flowables: cover sheet, client summary, eligibility,
health information (consent-scoped), document checklist and program contact sheet.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.model import (
    SENSITIVE_KINDS,
    ClientSummary,
    PacketContent,
    ProgramContact,
    ProgramSection,
    SensitiveKind,
)
from screener.packets.privacy import mask_ssn
from screener.packets.render import FRAME_WIDTH, Ctx, box, coloured, headed_table, kv_table

QR_SIZE = 96.0
_OUTCOME_COLOURS = {"eligible": st.GREEN, "not_eligible": st.RED, "needs_information": st.AMBER}


@lru_cache(maxsize=256)
def _qr_path(value: str) -> Any:
    """The dark modules of `value`'s QR code as one PDF path: reportlab's QR widget encodes
    and lays it out once per value; drawing it again is one cached string."""
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


def _unique_contacts(programs: Sequence[ProgramSection]) -> list[tuple[ProgramContact, list[str]]]:
    """Each distinct contact with the titles of the programs that use it."""
    found: dict[ProgramContact, list[str]] = {}
    for program in programs:
        found.setdefault(program.contact, []).append(program.title)
    return list(found.items())


def cover(ctx: Ctx, content: PacketContent, section_titles: Sequence[str]) -> list[Any]:
    """The cover sheet: programs, provider, referral id with QR code, date, staff, flags."""
    s = ctx.styles
    heading = [
        ctx.para(ctx.t(lb.PACKET_TITLE), s.title),
        ctx.para(ctx.t(lb.PACKET_SUBTITLE), s.subtitle),
    ]
    qr = [QrCode(content.referral_id), ctx.para(ctx.data(content.referral_id), s.muted)]
    top = Table(
        [[heading, qr]], colWidths=[FRAME_WIDTH - QR_SIZE - 10, QR_SIZE + 10], hAlign="LEFT"
    )
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out: list[Any] = [top, Spacer(1, 10)]

    urgent = [f for f in content.flags if f.urgent]
    if urgent:
        lines = [ctx.para(f"⚠ {ctx.t(lb.URGENT)}: {ctx.data(f.text)}", s.urgent) for f in urgent]
        out += [box(lines, st.RED, st.RED_SHADE, weight=2), Spacer(1, 10)]

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
    out.append(
        kv_table(
            ctx,
            [
                (lb.REFERRAL_ID, ctx.value(content.referral_id, s.cell_bold)),
                (
                    lb.DATE,
                    ctx.para(
                        lb.format_date(lb.local_time(content.generated_at).date(), ctx.lang), s.cell
                    ),
                ),
                (lb.PREPARED_BY, ctx.value(content.staff_name)),
                (lb.CLIENT, ctx.para(name, s.cell_bold)),
                (lb.PROGRAMS, programs),
            ],
        )
    )

    out.append(ctx.para(ctx.t(lb.PROVIDER), s.h2))
    for contact, titles in _unique_contacts(content.programs):
        lines = [f"<b>{ctx.data(contact.provider_name)}</b>"]
        lines += [ctx.data(v) for v in (contact.phone, contact.email, contact.address) if v]
        if len(content.programs) > 1:
            lines.insert(0, coloured(ctx.data(", ".join(titles)), st.MUTED))
        block: list[Any] = [ctx.para("<br/>".join(lines), s.body)]
        if contact.placeholder:
            block.append(placeholder_warning(ctx))
        out += [*block, Spacer(1, 4)]

    others = [f for f in content.flags if not f.urgent]
    if others:
        out.append(ctx.para(ctx.t(lb.ALERTS), s.h2))
        out += ctx.bullets(f.text for f in others)

    out.append(ctx.para(ctx.t(lb.CONTENTS), s.h2))
    out += [Paragraph(title, s.bullet, bulletText="•") for title in section_titles]
    return out


def client_summary(ctx: Ctx, client: ClientSummary) -> list[Any]:
    """Name, preferred name, date of birth, language, contact details, SSN last four only."""
    dob = lb.format_date(client.dob, ctx.lang) if client.dob else None
    return [
        ctx.para(ctx.t(lb.CLIENT_SUMMARY), ctx.styles.h1),
        kv_table(
            ctx,
            [
                (lb.NAME, ctx.value(client.full_name, ctx.styles.cell_bold)),
                (lb.PREFERRED_NAME, ctx.value(client.preferred_name)),
                (lb.DOB, ctx.value(dob)),
                (lb.LANGUAGE, ctx.value(client.language)),
                (lb.PHONE, ctx.value(client.phone)),
                (lb.EMAIL, ctx.value(client.email)),
                (lb.ADDRESS, ctx.value(client.address)),
                (lb.SSN_LAST4, ctx.value(mask_ssn(client.ssn))),
            ],
        ),
    ]


def eligibility(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[Any]:
    """Per program: outcome, every criterion with its status, missing information, priority
    reasons, and the rules version and hash the determination was made with."""
    s = ctx.styles
    out: list[Any] = [ctx.para(ctx.t(lb.ELIGIBILITY), s.h1)]
    status_width = 90.0
    for program in programs:
        out.append(ctx.para(ctx.data(program.title), s.h2))
        out.append(
            ctx.para(
                f"{ctx.t(lb.TRACK)}: {ctx.data(program.track_title)} · "
                f"{ctx.t(lb.OUTCOME)}: {outcome_markup(ctx, program)}",
                s.body,
            )
        )
        if program.criteria:
            rows = [
                [
                    ctx.para(ctx.data(c.text), st.indented(c.depth)),
                    ctx.para(
                        coloured(
                            f"{lb.STATUS_MARKS[c.status]} {ctx.t(lb.STATUSES[c.status])}",
                            st.STATUS_COLOURS[c.status],
                        ),
                        s.cell,
                    ),
                ]
                for c in program.criteria
            ]
            header = [ctx.para(ctx.t(lb.CRITERION), s.label), ctx.para(ctx.t(lb.STATUS), s.label)]
            out.append(headed_table(header, rows, [FRAME_WIDTH - status_width, status_width]))
        else:
            out.append(ctx.para(ctx.t(lb.NO_CRITERIA), s.muted))
        if program.missing:
            out.append(ctx.para(f"<b>{ctx.t(lb.MISSING)}</b>", s.body))
            out += ctx.bullets(program.missing)
        if program.priority:
            out.append(ctx.para(f"<b>{ctx.t(lb.PRIORITY)}</b>", s.body))
            out += ctx.bullets(program.priority)
        out.append(
            ctx.para(
                f"{ctx.t(lb.RULES_VERSION)}: {ctx.data(program.rules_version)} · "
                f"{ctx.t(lb.RULES_HASH)}: {ctx.data(program.rules_hash)}",
                s.muted,
            )
        )
    return out


def health_information(
    ctx: Ctx,
    content: PacketContent,
    permitted: frozenset[SensitiveKind],
    missing_consent: dict[SensitiveKind, list[str]],
) -> list[Any]:
    """The sensitive sections consent allows; a withheld notice for each other kind.

    A withheld notice uses the generic kind title, never the section's own title, which
    could itself reveal what is withheld.
    """
    s = ctx.styles
    out: list[Any] = []
    for kind in SENSITIVE_KINDS:
        sections = [x for x in content.sensitive_sections if x.kind == kind]
        if not sections:
            continue
        if kind not in permitted:
            programs = ctx.data(", ".join(missing_consent.get(kind, [])))
            out.append(ctx.para(ctx.t(lb.SENSITIVE_KIND_TITLES[kind]), s.h2))
            out.append(
                box(
                    ctx.para(ctx.t(lb.WITHHELD, programs=programs), s.warning),
                    st.AMBER,
                    st.AMBER_SHADE,
                )
            )
            continue
        for section in sections:
            out.append(ctx.para(ctx.data(section.title), s.h2))
            rows = [(ctx.para(ctx.data(k), s.label), ctx.value(v)) for k, v in section.rows]
            if rows:
                out.append(_data_table(rows))
        if kind == "substance_use":
            notice = [
                ctx.para(f"<b>{ctx.t(ct.PART2_NOTICE_TITLE)}</b>", s.legal),
                ctx.para(ctx.t(ct.PART2_NOTICE), s.legal),
            ]
            out += [Spacer(1, 4), box(notice, st.RULE, st.SHADE, weight=0.8)]
    if out:
        out.insert(0, ctx.para(ctx.t(lb.HEALTH_INFORMATION), s.h1))
    return out


def _data_table(rows: Sequence[tuple[Any, Any]]) -> Any:
    """Label | value rows of a sensitive section."""
    from screener.packets.render import LABEL_WIDTH

    table = Table(
        [list(r) for r in rows],
        colWidths=[LABEL_WIDTH + 40, FRAME_WIDTH - LABEL_WIDTH - 40],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE)]
        )
    )
    return table


def documents(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[Any]:
    """The checklist of documents each program asks for, with what is on hand."""
    s = ctx.styles
    out: list[Any] = [ctx.para(ctx.t(lb.DOCUMENTS), s.h1)]
    status_width = 110.0
    for program in programs:
        if len(programs) > 1:
            out.append(ctx.para(ctx.data(program.title), s.h2))
        if not program.documents:
            out.append(ctx.para(ctx.t(lb.NO_DOCUMENTS), s.muted))
            continue
        header = [ctx.para(ctx.t(lb.DOCUMENT), s.label), ctx.para(ctx.t(lb.ON_HAND), s.label)]
        rows = [
            [
                ctx.para(ctx.data(d.label), s.cell),
                ctx.para(ctx.t(lb.ON_HAND_VALUES[d.on_hand]), s.cell),
            ]
            for d in program.documents
        ]
        out.append(headed_table(header, rows, [FRAME_WIDTH - status_width, status_width]))
    return out


def contacts(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[Any]:
    """The program contact sheet: provider, address, phone, email and how to refer."""
    s = ctx.styles
    out: list[Any] = [ctx.para(ctx.t(lb.CONTACTS), s.h1)]
    for program in programs:
        c = program.contact
        out.append(ctx.para(f"{ctx.data(program.title)} — {ctx.data(program.track_title)}", s.h2))
        if c.placeholder:
            out += [placeholder_warning(ctx), Spacer(1, 4)]
        out.append(
            kv_table(
                ctx,
                [
                    (lb.PROVIDER, ctx.value(c.provider_name, s.cell_bold)),
                    (lb.ADDRESS, ctx.value(c.address)),
                    (lb.PHONE, ctx.value(c.phone)),
                    (lb.EMAIL, ctx.value(c.email)),
                    (lb.REFERRAL_INSTRUCTIONS, ctx.value(c.referral_instructions)),
                ],
            )
        )
    return out
