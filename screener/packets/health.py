"""The health information section: substance use and mental health, printed only where
consent allows (see `consent.decide_sharing`), otherwise a notice that it was withheld.

Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import KeepTogether, Spacer

from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.consent import Sharing
from screener.packets.model import SENSITIVE_KINDS, SensitiveSection
from screener.packets.render import FRAME_WIDTH, LABEL_WIDTH, Ctx, box, table

_ROWS_STYLE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(st.RULE)),
]


def health_information(
    ctx: Ctx, sections: Sequence[SensitiveSection], sharing: Sharing
) -> list[Any]:
    """The sensitive sections consent allows, and a withheld notice for every kind it does
    not allow, whether or not there is any of it (see `consent.Sharing`).

    A withheld notice shows the generic kind title, never a section's own title, which could
    itself reveal what is withheld. The 42 CFR §2.32 notice accompanies substance use
    information, kept on the same page as it.
    """
    s = ctx.styles
    blocks: list[list[Any]] = []
    for kind in SENSITIVE_KINDS:
        if kind not in sharing.permitted:
            programs = ctx.data(", ".join(sharing.lacking.get(kind, ())))
            notice = ctx.para(ctx.t(lb.WITHHELD, programs=programs), s.warning)
            title = ctx.para(ctx.t(lb.SENSITIVE_KIND_TITLES[kind]), s.h2)
            blocks.append([title, box(notice, st.AMBER, st.AMBER_SHADE)])
            continue
        of_kind = [x for x in sections if x.kind == kind]
        for i, section in enumerate(of_kind):
            block = [ctx.para(ctx.data(section.title), s.h2)]
            if section.rows:
                block.append(_rows_table(ctx, section))
            if kind == "substance_use" and i == len(of_kind) - 1:
                block += [Spacer(1, 6), _part2_notice(ctx)]
            blocks.append(block)
    if not blocks:  # every kind allowed, none on file
        blocks.append([ctx.para(ctx.t(lb.NONE_ON_FILE), s.muted)])
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
