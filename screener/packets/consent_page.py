"""The consent / release of information page.

For each valid consent that names one of the packet's tracks it prints every element of
42 CFR §2.31 and of a HIPAA authorization (45 CFR 164.508(c)); it says plainly when no valid
consent is on file, and lists consents on file that do not count, with the reason.
Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from reportlab.platypus import Image, Spacer

from screener.errors import PacketError
from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.consent import ConsentState, consent_state, kinds_covered
from screener.packets.model import SENSITIVE_KINDS, ConsentView, PacketContent, SensitiveKind
from screener.packets.render import Ctx, box, headed_table, kv_table

SIGNATURE_MAX_WIDTH = 200.0
SIGNATURE_MAX_HEIGHT = 60.0


def signature_image(consent: ConsentView) -> Any:
    """The signature PNG as a flowable, scaled to fit; read from memory, never a file."""
    from reportlab.lib.utils import ImageReader

    assert consent.signature_png is not None
    try:
        width, height = ImageReader(BytesIO(consent.signature_png)).getSize()
    except Exception as exc:
        raise PacketError(
            f"consent {consent.consent_id}: the signature image is not a readable PNG"
        ) from exc
    scale = min(SIGNATURE_MAX_WIDTH / width, SIGNATURE_MAX_HEIGHT / height)
    return Image(
        BytesIO(consent.signature_png), width=width * scale, height=height * scale, hAlign="LEFT"
    )


def _expiry(ctx: Ctx, consent: ConsentView) -> str:
    parts = []
    if consent.expires_on:
        parts.append(ctx.t(ct.EXPIRES_ON, date=lb.format_date(consent.expires_on, ctx.lang)))
    if consent.expiry_event:
        parts.append(ctx.t(ct.EXPIRES_EVENT, event=ctx.data(consent.expiry_event)))
    text = "; ".join(parts)
    if len(parts) == 2:
        text += f" ({ctx.t(ct.WHICHEVER_FIRST)})"
    return text


def consent_elements(ctx: Ctx, consent: ConsentView, client_name: str) -> list[Any]:
    """Every required element of one consent, as a label | value table."""
    s = ctx.styles
    information = (
        [ctx.para(ctx.data(consent.information_description), s.cell)]
        if consent.information_description.strip()
        else []
    )
    if consent.includes_sud:
        information.append(ctx.para(ctx.t(ct.SUD_DESCRIPTION), s.cell))
    if consent.includes_mental_health:
        information.append(ctx.para(ctx.t(ct.MH_DESCRIPTION), s.cell))
    if not (consent.includes_sud or consent.includes_mental_health):
        information.append(ctx.para(ctx.t(ct.NO_SENSITIVE_DESCRIPTION), s.cell))
    revoke = [ctx.para(ctx.t(ct.REVOKE_STATEMENT), s.cell)]
    if consent.revoke_instructions.strip():
        revoke.append(
            ctx.para(ctx.t(ct.REVOKE_HOW, how=ctx.data(consent.revoke_instructions)), s.cell)
        )
    redisclosure = [ctx.para(ctx.t(ct.REDISCLOSURE_HIPAA), s.cell)]
    if consent.includes_sud:
        redisclosure.append(ctx.para(ctx.t(ct.REDISCLOSURE_PART2), s.cell))
    if consent.signed_by == "representative":
        signer = ctx.t(ct.SIGNED_BY_REPRESENTATIVE, name=ctx.data(consent.representative_name))
    else:
        signer = ctx.t(ct.SIGNED_BY_CLIENT)
    signature = (
        signature_image(consent)
        if consent.signature_png
        else ctx.para(ctx.t(ct.SIGNED_ON_PAPER), s.muted)
    )
    signed_on = lb.format_date(consent.signed_on, ctx.lang) if consent.signed_on else None
    rows = [
        (ct.PATIENT_NAME, ctx.value(client_name, s.cell_bold)),
        (ct.DISCLOSER, ctx.value(consent.discloser)),
        (ct.INFORMATION, information),
        (ct.RECIPIENTS, ctx.value("; ".join(consent.recipients))),
        (ct.PURPOSE, ctx.value(consent.purpose)),
        (ct.EXPIRY, ctx.para(_expiry(ctx, consent), s.cell)),
        (ct.REVOKE, revoke),
        (
            ct.CONDITIONING,
            ctx.para(
                ctx.t(ct.CONDITIONED if consent.services_conditioned else ct.NOT_CONDITIONED),
                s.cell,
            ),
        ),
        (ct.REDISCLOSURE, redisclosure),
        (ct.COPY, ctx.para(ctx.t(ct.COPY_STATEMENT), s.cell)),
        (ct.SIGNED_BY, ctx.para(signer, s.cell)),
    ]
    if consent.signed_by == "representative":
        rows.append((ct.AUTHORITY, ctx.value(consent.representative_authority)))
    rows += [(ct.SIGNATURE, signature), (ct.DATE_SIGNED, ctx.value(signed_on))]
    return [
        ctx.para(ctx.t(ct.CONSENT_ID, id=ctx.data(consent.consent_id)), s.h2),
        kv_table(ctx, rows),
    ]


def _scope_table(
    ctx: Ctx,
    content: PacketContent,
    permitted: frozenset[SensitiveKind],
    used: dict[SensitiveKind, list[str]],
) -> Any:
    s = ctx.styles
    rows = []
    for kind in SENSITIVE_KINDS:
        if not any(x.kind == kind for x in content.sensitive_sections):
            state = ctx.para(ctx.t(ct.NOT_PRESENT), s.muted)
        elif kind in permitted:
            ids = ", ".join(used.get(kind, []))
            state = ctx.para(f"{ctx.t(ct.SHARED)} ({ctx.data(ids)})", s.cell)
        else:
            state = ctx.para(f"<b>{ctx.t(ct.WITHHELD_SHORT)}</b>", s.cell)
        rows.append([ctx.para(ctx.t(lb.SENSITIVE_KIND_TITLES[kind]), s.cell), state])
    header = [ctx.para(ctx.t(lb.HEALTH_INFORMATION), s.label), ctx.para(ctx.t(lb.STATUS), s.label)]
    return headed_table(header, rows, [250.0, 254.0])


def consent_page(
    ctx: Ctx,
    content: PacketContent,
    on: date,
    permitted: frozenset[SensitiveKind],
) -> list[Any]:
    """The consent page: what the packet shares, each valid consent, the ones that do not count."""
    s = ctx.styles
    tracks = frozenset(content.track_ids)
    relevant = [c for c in content.consents if c.track_ids & tracks]
    valid = [c for c in relevant if consent_state(c, on) is ConsentState.VALID]
    used: dict[SensitiveKind, list[str]] = {
        kind: [c.consent_id for c in valid if kind in kinds_covered(c)] for kind in permitted
    }
    out: list[Any] = [
        ctx.para(ctx.t(ct.CONSENT_TITLE), s.h1),
        ctx.para(ctx.t(ct.CONSENT_SUBTITLE), s.muted),
        ctx.para(ctx.t(ct.SCOPE_TITLE), s.h2),
        _scope_table(ctx, content, permitted, used),
    ]
    if not valid:
        out += [
            Spacer(1, 8),
            box(ctx.para(ctx.t(ct.NO_VALID_CONSENT), s.warning), st.AMBER, st.AMBER_SHADE),
        ]
    for consent in valid:
        out += consent_elements(ctx, consent, content.client.full_name)
    invalid = [c for c in relevant if c not in valid]
    if invalid:
        out.append(ctx.para(f"<b>{ctx.t(ct.NOT_USED)}</b>", s.body))
        out += [ctx.para(_invalid_line(ctx, c, on), s.bullet) for c in invalid]
    return out


def _invalid_line(ctx: Ctx, consent: ConsentView, on: date) -> str:
    expired = lb.format_date(consent.expires_on, ctx.lang) if consent.expires_on else ""
    reason = ctx.t(ct.STATE_TEXTS[consent_state(consent, on)], date=expired)
    return f"• {ctx.t(ct.CONSENT_ID, id=ctx.data(consent.consent_id))}: {reason}"
