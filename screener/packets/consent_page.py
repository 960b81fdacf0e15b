"""The consent / release of information page.

For each valid consent that names one of the packet's tracks it prints every element of
42 CFR §2.31 and of a HIPAA authorization (45 CFR 164.508(c)); it says plainly when no valid
consent is on file (page 1 says, per kind of information, whether consent covers it, the
client declined, or there is none).
Imported only while a packet is being built (it imports reportlab.platypus).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.platypus import Image, KeepTogether

from screener.errors import PacketError
from screener.packets import consent_text as ct
from screener.packets import labels as lb
from screener.packets import styles as st
from screener.packets.model import ConsentView, PacketContent
from screener.packets.render import Ctx, box, kv_table

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


def consent_table(ctx: Ctx, consent: ConsentView, client_name: str) -> Any:
    """Every required element of one consent, as a label | value table."""
    s = ctx.styles
    information = [ctx.data(consent.information_description)]
    if consent.includes_sud:
        information.append(ctx.t(ct.SUD_DESCRIPTION))
    if consent.includes_mental_health:
        information.append(ctx.t(ct.MH_DESCRIPTION))
    if not (consent.includes_sud or consent.includes_mental_health):
        information.append(ctx.t(ct.NO_SENSITIVE_DESCRIPTION))
    revoke = [ctx.t(ct.REVOKE_STATEMENT)]
    if consent.revoke_instructions.strip():
        revoke.append(ctx.t(ct.REVOKE_HOW, how=ctx.data(consent.revoke_instructions)))
    redisclosure = [ctx.t(ct.REDISCLOSURE_HIPAA)]
    if consent.includes_sud:
        redisclosure.append(ctx.t(ct.REDISCLOSURE_PART2))
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
        (ct.INFORMATION, ctx.cell_paras(m for m in information if m.strip())),
        (ct.RECIPIENTS, ctx.value("; ".join(consent.recipients))),
        (ct.PURPOSE, ctx.value(consent.purpose)),
        (ct.EXPIRY, ctx.para(_expiry(ctx, consent), s.cell)),
        (ct.REVOKE, ctx.cell_paras(revoke)),
        (
            ct.CONDITIONING,
            ctx.para(
                ctx.t(ct.CONDITIONED if consent.services_conditioned else ct.NOT_CONDITIONED),
                s.cell,
            ),
        ),
        (ct.REDISCLOSURE, ctx.cell_paras(redisclosure)),
        (ct.COPY, ctx.para(ctx.t(ct.COPY_STATEMENT), s.cell)),
        (ct.SIGNED_BY, ctx.para(signer, s.cell)),
    ]
    if consent.signed_by == "representative":
        rows.append((ct.AUTHORITY, ctx.value(consent.representative_authority)))
    rows += [(ct.SIGNATURE, signature), (ct.DATE_SIGNED, ctx.value(signed_on))]
    return kv_table(ctx, rows)


def consent_page(ctx: Ctx, content: PacketContent) -> list[Any]:
    """The consent page: each valid consent naming one of the packet's tracks, in full (kept
    on one page with its signature), or a notice that there is none."""
    s = ctx.styles
    out: list[Any] = [
        *ctx.heading(ctx.t(ct.CONSENT_TITLE), "h1"),
        ctx.para(ctx.t(ct.CONSENT_SUBTITLE), s.muted),
    ]
    if not content.consents:
        out.append(box(ctx.para(ctx.t(ct.NO_VALID_CONSENT), s.warning), st.AMBER, st.AMBER_SHADE))
    for consent in content.consents:
        covered = [p.title for p in content.programs if p.track_id in consent.track_ids]
        signed = lb.format_date(consent.signed_on, ctx.lang) if consent.signed_on else ""
        heading = f"{ctx.t(ct.CONSENT_SIGNED, date=signed)} — {ctx.data(', '.join(covered))}"
        out.append(KeepTogether([ctx.para(heading, s.h2),
                                 consent_table(ctx, consent, content.client.full_name)]))
    return out
