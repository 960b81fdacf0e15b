"""The health information section: the substance use and mental health the view holds
(only what consent covers), and for each kind it does not cover a notice saying why.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, Spacer

from screener.domain import SENSITIVE_KINDS
from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.cover import withheld_markup
from screener.packets.model import PacketContent, SensitiveSection, Withheld
from screener.packets.render import FRAME_WIDTH, LABEL_WIDTH, Ctx, box, table

_ROWS_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(st.RULE)),
]


def health_information(ctx: Ctx, content: PacketContent) -> list[Any]:
    """The sensitive sections of the view, and one withheld line for each kind consent does
    not cover, whether or not there is any of it (a notice printed only when there is
    something to withhold would itself tell the reader there is).

    The 42 CFR §2.32 notice accompanies substance use information, on the same page.
    """
    s = ctx.styles
    blocks: list[list[Any]] = []
    for kind in SENSITIVE_KINDS:
        title = ctx.para(ctx.t(lb.SENSITIVE_KIND_TITLES[kind]), s.h2)
        state = content.cover.get(kind, "none")
        if state != "covered":
            notice = ctx.para(withheld_markup(ctx, Withheld(kind, state)), s.warning)
            blocks.append([title, box(notice, st.AMBER, st.AMBER_SHADE)])
            continue
        of_kind = [x for x in content.sensitive_sections if x.kind == kind]
        if not of_kind:
            blocks.append([title, ctx.para(ctx.t(lb.NONE_ON_FILE), s.muted)])
        for i, section in enumerate(of_kind):
            block = [ctx.para(ctx.data(section.title), s.h2)]
            if section.rows:
                block.append(_rows_table(ctx, section))
            if kind == "substance_use" and i == len(of_kind) - 1:
                block += [Spacer(1, 6), _part2_notice(ctx)]
            blocks.append(block)
    # The section heading travels with the first block, never alone at the foot of a page.
    blocks[0].insert(0, ctx.para(ctx.t(lb.HEALTH_INFORMATION), s.h1))
    return [KeepTogether(block) for block in blocks]


def _rows_table(ctx: Ctx, section: SensitiveSection) -> Any:
    s = ctx.styles
    rows = [[ctx.para(ctx.data(k), s.label), ctx.value(v)] for k, v in section.rows]
    widths = [LABEL_WIDTH + 40, FRAME_WIDTH - LABEL_WIDTH - 40]
    return table(rows, widths, _ROWS_STYLE)


def _part2_notice(ctx: Ctx) -> Any:
    notice = [
        ctx.para(f"<b>{ctx.t(ct.PART2_NOTICE_TITLE)}</b>", ctx.styles.legal),
        ctx.para(ctx.t(ct.PART2_NOTICE), ctx.styles.legal),
    ]
    return box(notice, st.RULE, st.SHADE, weight=0.8)
