"""Build a referral packet PDF from a `PacketContent`.

reportlab.platypus is imported inside `render_packet` (it costs about 130 ms at start-up).
The PDF is rendered in memory; a path is written through a temporary file in the same folder,
fsynced and renamed over the target, so a half-written packet is never left behind.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from screener.errors import FileWriteError, PacketError
from screener.packets import labels as lb
from screener.packets.consent import Sharing, decide_sharing
from screener.packets.consent_text import CONSENT_TITLE
from screener.packets.model import PacketContent, PacketResult
from screener.packets.privacy import Redactor
from screener.store.atomic import atomic_write

if TYPE_CHECKING:
    from screener.packets.render import Ctx


def packet_date(content: PacketContent) -> date:
    """The packet's date in Los Angeles: consents are checked against it."""
    return lb.local_time(content.generated_at).date()


def build_packet(
    content: PacketContent,
    out: BinaryIO | str | os.PathLike[str],
    *,
    reproducible: bool = False,
) -> PacketResult:
    """Render `content` and write the PDF to `out` (a binary stream or a file path).

    `reproducible` makes the bytes depend on `content` only (reportlab's invariant mode), for
    tests. Returns what was printed and withheld, for the audit log.
    """
    pdf, result = render_packet(content, reproducible=reproducible)
    if isinstance(out, (str, os.PathLike)):
        write_atomically(Path(out), pdf)
    else:
        out.write(pdf)
    return result


def render_packet(
    content: PacketContent, *, reproducible: bool = False
) -> tuple[bytes, PacketResult]:
    """The packet as PDF bytes, and what it printed and withheld."""
    _check(content)
    from screener.packets.page import PageDecor, lay_out
    from screener.packets.render import Ctx
    from screener.packets.styles import styles

    on = packet_date(content)
    sharing = decide_sharing(content, on)
    ctx = Ctx(lang=content.lang, styles=styles(), redact=Redactor(content.client.ssn))
    story = _story(ctx, content, sharing, on)
    decor = PageDecor(
        lang=content.lang,
        referral_id=ctx.redact(content.referral_id),
        client_name=" ".join(ctx.redact(content.client.full_name).split()),
        generated=lb.format_datetime(content.generated_at, content.lang),
    )
    try:
        pdf = lay_out(story, decor, reproducible=reproducible)
    except PacketError:
        raise
    except Exception as exc:  # noqa: BLE001 - reportlab raises LayoutError, ValueError, ...
        # Name only the kind of failure: reportlab's messages may quote client data.
        raise PacketError(f"the packet could not be laid out ({type(exc).__name__})") from None
    result = PacketResult(
        page_count=decor.page_count,
        sections_included=(
            "cover",
            "client_summary",
            "eligibility",
            *sharing.shared,
            "documents",
            "consent",
            "contacts",
        ),
        sections_withheld=sharing.withheld,
        consent_ids_used=tuple(
            dict.fromkeys(i for ids in sharing.consent_ids.values() for i in ids)
        ),
    )
    return pdf, result


def _story(ctx: Ctx, content: PacketContent, sharing: Sharing, on: date) -> list[Any]:
    """Every flowable of the packet, in order; each part after the cover starts a page."""
    from reportlab.platypus import PageBreak

    from screener.packets import sections
    from screener.packets.consent_page import consent_page
    from screener.packets.cover import cover
    from screener.packets.health import health_information

    health = health_information(ctx, content.sensitive_sections, sharing)
    contents = [lb.CLIENT_SUMMARY, lb.ELIGIBILITY, lb.HEALTH_INFORMATION]
    contents += [lb.DOCUMENTS, CONSENT_TITLE, lb.CONTACTS]
    return [
        *cover(ctx, content, sharing, [ctx.t(t) for t in contents]),
        PageBreak(),
        *sections.client_summary(ctx, content.client),
        *sections.eligibility(ctx, content.programs),
        *health,
        *sections.documents(ctx, content.programs),
        PageBreak(),
        *consent_page(ctx, content, on),
        PageBreak(),
        *sections.contacts(ctx, content.programs),
    ]


def _check(content: PacketContent) -> None:
    if content.lang not in ("en", "es"):
        raise PacketError(f"packet language must be 'en' or 'es', not {content.lang!r}")
    if not content.programs:
        raise PacketError("a packet needs at least one program")
    if content.generated_at.tzinfo is None:
        raise PacketError("generated_at must be timezone-aware")


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder, fsync and rename;
    PacketError if any step fails (then no packet is left at `path`)."""
    try:
        atomic_write(path, data)
    except FileWriteError as exc:
        if exc.replaced:  # in place but not confirmed by the disk: not a packet to rely on
            path.unlink(missing_ok=True)
        raise PacketError(f"cannot write the packet: {exc}") from None
