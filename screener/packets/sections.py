"""The packet's detail sections as platypus flowables: eligibility with every criterion,
document checklist and program contact sheet (page 1, health information and the consent
page have modules of their own). Withheld criteria arrive as `Withheld` markers.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Spacer

from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.cover import (
    outcome_markup,
    placeholder_warning,
    unique_contacts,
    withheld_markup,
)
from screener.packets.model import CriterionLine, ProgramSection
from screener.packets.render import FRAME_WIDTH, Ctx, coloured, headed_table, kv_table


def eligibility(ctx: Ctx, programs: Sequence[ProgramSection]) -> list[Any]:
    """Per program: outcome, every criterion with its status (or one withheld line), missing
    information and priority reasons."""
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
            rows = [_criterion_row(ctx, c) for c in program.criteria]
            header = [ctx.para(ctx.t(lb.CRITERION), s.label), ctx.para(ctx.t(lb.STATUS), s.label)]
            out.append(headed_table(header, rows, [FRAME_WIDTH - status_width, status_width]))
        else:
            out.append(ctx.para(ctx.t(lb.NO_CRITERIA), s.muted))
        if program.missing:
            out += ctx.heading(ctx.t(lb.MISSING), "subhead")
            out += ctx.bullets(program.missing)
        if program.priority or program.priority_withheld:
            out += ctx.heading(ctx.t(lb.PRIORITY), "subhead")
            out += ctx.bullets(program.priority)
            out += ctx.bullets_markup(withheld_markup(ctx, w) for w in program.priority_withheld)
    return out


def _criterion_row(ctx: Ctx, c: CriterionLine) -> list[Any]:
    s = ctx.styles
    if c.withheld is not None:
        return [ctx.para(withheld_markup(ctx, c.withheld), st.indented(c.depth)),
                ctx.para(ctx.t(lb.STATUS_HIDDEN), s.cell)]
    if c.status is None:
        status = ctx.t(lb.STATUS_HIDDEN)
    else:
        status = coloured(f"{lb.STATUS_MARKS[c.status]} {ctx.t(lb.STATUSES[c.status])}",
                          st.STATUS_COLOURS[c.status])
    return [ctx.para(ctx.data(c.text), st.indented(c.depth)), ctx.para(status, s.cell)]


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
    for c, titles in unique_contacts(programs):
        out += ctx.heading(ctx.data(", ".join(titles)), "h2")
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
                    (lb.HOURS, ctx.value(c.hours)),
                    (lb.REFERRAL_INSTRUCTIONS, ctx.value(c.referral_instructions)),
                ],
            )
        )
    return out
