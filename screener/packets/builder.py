"""Build a referral packet PDF from a `PacketContent`.

reportlab.platypus is imported inside `render_packet` (it costs about 130 ms at start-up).
The PDF is rendered in memory; a path is written through a temporary file in the same folder,
fsynced and renamed over the target, so a half-written packet is never left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from functools import partial
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from screener.errors import PacketError
from screener.packets import consent
from screener.packets import labels as lb
from screener.packets.consent_text import CONSENT_TITLE
from screener.packets.model import SENSITIVE_KINDS, PacketContent, PacketResult, SensitiveKind
from screener.packets.privacy import Redactor

#: PDF metadata never holds personal data: a fixed title and subject per language.
_SUBJECT = {"en": "Reentry program referral", "es": "Referencia a programas de reingreso"}
_LOCALE = {"en": "en-US", "es": "es-US"}


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
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    from screener.packets import sections
    from screener.packets.consent_page import consent_page
    from screener.packets.page import (
        FOOTER_Y,
        HEADER_Y,
        MARGIN,
        PAGE_HEIGHT,
        PAGE_WIDTH,
        PageDecor,
        numbered_canvas,
    )
    from screener.packets.render import Ctx
    from screener.packets.styles import styles

    lang = content.lang
    on = packet_date(content)
    permitted = consent.packet_permitted_kinds(content.consents, content.track_ids, on)
    present = consent.ordered(s.kind for s in content.sensitive_sections)
    withheld = tuple(k for k in present if k not in permitted)
    ctx = Ctx(lang=lang, styles=styles(), redact=Redactor(content.client.ssn))

    health = sections.health_information(
        ctx, content, permitted, _missing_consent(content, on, withheld)
    )
    titles = [
        lb.CLIENT_SUMMARY,
        lb.ELIGIBILITY,
        *([lb.HEALTH_INFORMATION] if health else []),
        lb.DOCUMENTS,
        CONSENT_TITLE,
        lb.CONTACTS,
    ]
    story = [
        *sections.cover(ctx, content, [t.get(lang) for t in titles]),
        PageBreak(),
        *sections.client_summary(ctx, content.client),
        *sections.eligibility(ctx, content.programs),
        *health,
        *sections.documents(ctx, content.programs),
        PageBreak(),
        *consent_page(ctx, content, on, permitted),
        PageBreak(),
        *sections.contacts(ctx, content.programs),
    ]

    decor = PageDecor(
        lang=lang,
        referral_id=content.referral_id,
        client_name=ctx.redact(content.client.full_name),
        generated=lb.format_datetime(content.generated_at, lang),
    )
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=PAGE_HEIGHT - HEADER_Y + 14,
        bottomMargin=FOOTER_Y + 22,
        title=lb.PACKET_TITLE.get(lang),
        author="Screener",
        subject=_SUBJECT[lang],
        creator="Screener",
        keywords="",
        lang=_LOCALE[lang],
        invariant=1 if reproducible else None,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    try:
        doc.build(story, canvasmaker=partial(numbered_canvas(), decor=decor))
    except PacketError:
        raise
    except Exception as exc:  # noqa: BLE001 - reportlab raises bare LayoutError, ValueError, ...
        # The message names the kind of failure only: reportlab's text may quote client data.
        raise PacketError(f"the packet could not be laid out ({type(exc).__name__})") from None

    included = [
        "cover",
        "client_summary",
        "eligibility",
        *(k for k in present if k in permitted),
        "documents",
        "consent",
        "contacts",
    ]
    used = consent.authorizing_consent_ids(content.consents, content.track_ids, permitted, on)
    result = PacketResult(
        page_count=decor.page_count,
        sections_included=tuple(included),
        sections_withheld=withheld,
        consent_ids_used=used,
    )
    return buffer.getvalue(), result


def _check(content: PacketContent) -> None:
    if content.lang not in ("en", "es"):
        raise PacketError(f"packet language must be 'en' or 'es', not {content.lang!r}")
    if not content.programs:
        raise PacketError("a packet needs at least one program")
    if content.generated_at.tzinfo is None:
        raise PacketError("generated_at must be timezone-aware")


def _missing_consent(
    content: PacketContent, on: date, withheld: tuple[SensitiveKind, ...]
) -> dict[SensitiveKind, list[str]]:
    """For each withheld kind, the titles of the packet's programs lacking consent for it."""
    missing: dict[SensitiveKind, list[str]] = {k: [] for k in SENSITIVE_KINDS}
    for program in content.programs:
        allowed = consent.permitted_kinds(content.consents, program.track_id, on)
        for kind in withheld:
            if kind not in allowed:
                missing[kind].append(program.title)
    return missing


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder, fsync and rename."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PacketError(f"cannot write the packet to {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise PacketError(f"cannot write the packet to {path}: {exc.strerror}") from exc
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
