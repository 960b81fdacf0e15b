"""Render the client's next-steps handout: one page (two at most), large type, plain words.

reportlab.platypus is imported inside `render_handout` (start-up cost, as for packets).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from screener.errors import PacketError
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.handout_model import HandoutContent, HandoutStep
from screener.packets.privacy import Redactor
from screener.text import Text

TITLE = Text("Your next steps", "Sus próximos pasos")
FOR = Text("For {name} · {date}", "Para {name} · {date}")
INTRO = Text(
    "You can get help with these programs. Call each one soon. Bring this paper with you.",
    "Puede recibir ayuda de estos programas. Llame a cada uno pronto. Traiga esta hoja.",
)
WHAT = Text("What it is", "Qué es")
WHO = Text("Call or go to", "Llame o vaya a")
WHEN = Text("When", "Cuándo")
CALL_WITHIN = Text("Call within {days} days.", "Llame en los próximos {days} días.")
OPEN = Text("Open: {hours}.", "Horario: {hours}.")
BRING = Text("What to bring", "Qué debe traer")
LEGEND = Text(
    "☑ = you have it. ☐ = bring it, or ask us for help to get it.",
    "☑ = ya lo tiene. ☐ = tráigalo, o pídanos ayuda para conseguirlo.",
)
REFERRAL = Text("Your referral number", "Su número de referencia")
NOTHING_TO_BRING = Text("Nothing special.", "Nada en especial.")
DATES = Text("Dates to remember", "Fechas importantes")
OFFICER = Text("Your officer", "Su oficial")
HOTLINE = Text("Questions? Call the reentry help line", "¿Preguntas? Llame a la línea de ayuda de reingreso")
WORKER = Text("Your worker today", "Quien le atendió hoy")
EXAMPLE = Text("(example number: replace before use)", "(número de ejemplo: reemplácelo antes de usarlo)")
SCAN = Text("Scan to call", "Escanee para llamar")

_BODY = 12.5


@lru_cache(maxsize=1)
def _styles() -> dict[str, Any]:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    base_styles = st.styles()  # registers the fonts
    base = ParagraphStyle("h_body", parent=base_styles.body, fontSize=_BODY, leading=16,
                          spaceAfter=3)
    return {
        "title": ParagraphStyle("h_title", parent=base, fontName=st.FONT_BOLD, fontSize=22,
                                leading=27, textColor=HexColor(st.ACCENT)),
        "sub": ParagraphStyle("h_sub", parent=base, textColor=HexColor(st.MUTED)),
        "h2": ParagraphStyle("h_h2", parent=base, fontName=st.FONT_BOLD, fontSize=16,
                             leading=20, spaceBefore=4, textColor=HexColor(st.ACCENT)),
        "body": base,
        "small": ParagraphStyle("h_small", parent=base, fontSize=12, leading=15),
        "scan": ParagraphStyle("h_scan", parent=base, fontSize=12, leading=14,
                               alignment=1, textColor=HexColor(st.MUTED)),
        "warning": ParagraphStyle("h_warning", parent=base, fontName=st.FONT_BOLD,
                                  fontSize=12, leading=15, textColor=HexColor(st.RED)),
    }


def render_handout(content: HandoutContent, *, reproducible: bool = False) -> tuple[bytes, int]:
    """The handout as PDF bytes, and its page count."""
    if content.lang not in ("en", "es"):
        raise PacketError(f"handout language must be 'en' or 'es', not {content.lang!r}")
    if content.generated_at.tzinfo is None:
        raise PacketError("generated_at must be timezone-aware")
    from reportlab.platypus import KeepTogether, Spacer

    from screener.packets.cover import QR_SIZE, QrCode
    from screener.packets.page import PageDecor, lay_out
    from screener.packets.render import FRAME_WIDTH, Ctx, box, table

    s = _styles()
    ctx = Ctx(lang=content.lang, styles=st.styles(), redact=Redactor(None))
    day = lb.format_date(lb.local_time(content.generated_at).date(), ctx.lang)
    heading = [ctx.para(ctx.t(TITLE), s["title"]),
               ctx.para(ctx.t(FOR, name=ctx.data(content.client_name), date=day), s["sub"])]
    phone = next((p.phone for p in content.steps if p.phone), None)
    right: list[Any] = []
    if phone:
        right = [QrCode(_tel(phone)), ctx.para(ctx.t(SCAN), s["scan"])]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    story: list[Any] = [
        table([[heading, right]], [FRAME_WIDTH - QR_SIZE - 40, QR_SIZE + 40], style),
        ctx.para(ctx.t(INTRO), s["body"]),
        Spacer(1, 4),
    ]
    for number, step in enumerate(content.steps, start=1):
        # A step never splits across pages: the client reads each one as a whole.
        story += [KeepTogether(box(_step(ctx, s, content, number, step), st.RULE, "#FFFFFF",
                                   weight=1)), Spacer(1, 6)]
    story += _footer(ctx, s, content)
    decor = PageDecor(lang=content.lang, referral_id="", client_name="",
                      generated=lb.format_datetime(content.generated_at, content.lang),
                      title=ctx.t(TITLE))
    try:
        pdf = lay_out(story, decor, reproducible=reproducible)
    except Exception as exc:  # noqa: BLE001 - reportlab raises LayoutError, ValueError, ...
        raise PacketError(f"the handout could not be laid out ({type(exc).__name__})") from None
    return pdf, decor.page_count


def _step(ctx: Any, s: dict[str, Any], content: HandoutContent, number: int,
          step: HandoutStep) -> list[Any]:
    who = [f"<b>{ctx.data(step.provider_name)}</b>"]
    who += [ctx.data(v) for v in (step.phone, step.address) if v]
    when = ctx.t(CALL_WITHIN, days=str(content.call_within_days))
    if step.hours:
        when += " " + ctx.t(OPEN, hours=ctx.data(step.hours))
    bring = [f"{'☑' if d.on_hand else '☐'} {ctx.data(d.label)}" for d in step.documents]
    out = [
        ctx.para(f"{number}. {ctx.data(step.title)}", s["h2"]),
        ctx.para(f"<b>{ctx.t(WHAT)}:</b> {ctx.data(step.what)}", s["body"]),
        ctx.para(f"<b>{ctx.t(WHO)}:</b> " + "<br/>".join(who), s["body"]),
        ctx.para(f"<b>{ctx.t(WHEN)}:</b> {when}", s["body"]),
        ctx.para(f"<b>{ctx.t(BRING)}:</b><br/>" + ("<br/>".join(bring) or ctx.t(NOTHING_TO_BRING)),
                 s["body"]),
    ]
    if step.documents:
        out.append(ctx.para(ctx.t(LEGEND), s["small"]))
    if step.referral_id:
        out.append(ctx.para(f"<b>{ctx.t(REFERRAL)}:</b> {ctx.data(step.referral_id)}",
                            s["body"]))
    if step.placeholder:
        out.append(ctx.para("⚠ " + ctx.t(lb.PLACEHOLDER_WARNING), s["warning"]))
    return out


def _footer(ctx: Any, s: dict[str, Any], content: HandoutContent) -> list[Any]:
    out: list[Any] = []
    dates = [f"{ctx.data(d.label)}: <b>{lb.format_date(d.day, ctx.lang)}</b>"
             for d in content.dates]
    if content.officer:
        dates.append(f"{ctx.t(OFFICER)}: <b>{ctx.data(content.officer)}</b>")
    if dates:
        out += [ctx.para(ctx.t(DATES), s["h2"]), *(ctx.para(d, s["body"]) for d in dates)]
    if content.hotline:
        line = f"{ctx.t(HOTLINE)}: <b>{ctx.data(content.hotline)}</b>"
        if content.hotline_placeholder:
            line += f" {ctx.t(EXAMPLE)}"
        out.append(ctx.para(line, s["body"]))
    if content.worker:
        out.append(ctx.para(f"{ctx.t(WORKER)}: {ctx.data(content.worker)}", s["body"]))
    return out


def _tel(phone: str) -> str:
    """A `tel:` link for a US phone number as printed ("(213) 555-0100" → tel:+12135550100)."""
    digits = re.sub(r"\D", "", phone)
    return f"tel:+1{digits}" if len(digits) == 10 else f"tel:{digits}"
