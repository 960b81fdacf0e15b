"""Build a referral packet PDF from a `PacketContent`.

reportlab.platypus is imported inside `render_packet` (it costs about 130 ms at start-up).
The PDF is rendered in memory; a path is written through a temporary file in the same folder,
fsynced and renamed over the target, so a half-written packet is never left behind.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from screener.domain import SENSITIVE_KINDS
from screener.errors import FileWriteError, PacketError
from screener.packets import labels as lb
from screener.packets.model import PacketContent, PacketResult
from screener.packets.privacy import Redactor
from screener.store.atomic import atomic_write

if TYPE_CHECKING:
    from screener.packets.render import Ctx


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
    """The packet as PDF bytes, and what it printed and withheld.

    It prints all of `content` and nothing else: `content` is the consent-filtered view.
    """
    _check(content)
    from screener.packets.page import PageDecor, lay_out
    from screener.packets.render import Ctx
    from screener.packets.styles import styles

    ctx = Ctx(lang=content.lang, styles=styles(), redact=Redactor(content.client.ssn))
    first = content.programs[0]
    decor = PageDecor(
        lang=content.lang,
        referral_id=ctx.redact(content.referral_id),
        client_name=" ".join(ctx.redact(content.client.full_name).split()),
        generated=lb.format_datetime(content.generated_at, content.lang),
        records=ctx.redact(lb.FOOTER_RECORDS.get(content.lang).format(
            referral=content.referral_id, version=first.rules_version,
            hash=first.rules_hash.removeprefix("sha256:")[:12],
            ids=", ".join(content.record_ids) or "—")),
    )
    try:
        pdf = lay_out(_story(ctx, content), decor, reproducible=reproducible)
    except PacketError:
        raise
    except Exception as exc:  # noqa: BLE001 - reportlab raises LayoutError, ValueError, ...
        # Name only the kind of failure: reportlab's messages may quote client data.
        raise PacketError(f"the packet could not be laid out ({type(exc).__name__})") from None
    shared = tuple(k for k in SENSITIVE_KINDS if content.cover.get(k) == "covered")
    result = PacketResult(
        page_count=decor.page_count,
        sections_included=("cover", "eligibility", *shared, "documents", "consent", "contacts"),
        sections_withheld=tuple(k for k in SENSITIVE_KINDS if k not in shared),
        consent_ids_used=tuple(c.consent_id for c in content.consents) if shared else (),
    )
    return pdf, result


def _story(ctx: Ctx, content: PacketContent) -> list[Any]:
    """Every flowable of the packet, in order: page 1, then the details."""
    from reportlab.platypus import PageBreak

    from screener.packets import sections
    from screener.packets.consent_page import consent_page
    from screener.packets.cover import cover
    from screener.packets.health import health_information

    return [
        *cover(ctx, content),
        PageBreak(),
        *sections.eligibility(ctx, content.programs),
        *health_information(ctx, content),
        *sections.documents(ctx, content.programs),
        *consent_page(ctx, content),
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
