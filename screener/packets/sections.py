"""The packet's plain sections as platypus flowables: client summary, eligibility, document
checklist and program contact sheet (the cover, health information and consent page have
modules of their own).

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Spacer

from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.cover import outcome_markup, placeholder_warning
from screener.packets.model import ClientSummary, ProgramSection
from screener.packets.privacy import mask_ssn
from screener.packets.render import FRAME_WIDTH, Ctx, coloured, headed_table, kv_table


def client_summary(ctx: Ctx, client: ClientSummary) -> list[Any]:
    """Name, preferred name, date of birth, language, contact details, SSN last four only."""
    dob = lb.format_date(client.dob, ctx.lang) if client.dob else None
    return [
        *ctx.heading(ctx.t(lb.CLIENT_SUMMARY), "h1"),
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
    out: list[Any] = ctx.heading(ctx.t(lb.ELIGIBILITY), "h1")
    status_width = 90.0
    for program in programs:
        out += ctx.heading(ctx.data(program.title), "h2")
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
            out += ctx.heading(ctx.t(lb.MISSING), "subhead")
            out += ctx.bullets(program.missing)
        if program.priority:
            out += ctx.heading(ctx.t(lb.PRIORITY), "subhead")
            out += ctx.bullets(program.priority)
        out.append(
            ctx.para(
                f"{ctx.t(lb.RULES_VERSION)}: {ctx.data(program.rules_version)} · "
                f"{ctx.t(lb.RULES_HASH)}: {ctx.data(program.rules_hash)}",
                s.rules,
            )
        )
    return out


def documents(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[Any]:
    """The checklist of documents each program asks for, with what is on hand."""
    s = ctx.styles
    out: list[Any] = ctx.heading(ctx.t(lb.DOCUMENTS), "h1")
    status_width = 110.0
    for program in programs:
        if len(programs) > 1:
            out += ctx.heading(ctx.data(program.title), "h2")
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
    out: list[Any] = ctx.heading(ctx.t(lb.CONTACTS), "h1")
    for program in programs:
        c = program.contact
        out += ctx.heading(f"{ctx.data(program.title)} — {ctx.data(program.track_title)}", "h2")
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
