"""Page furniture: the running header, and the footer with "Page N of M", "Confidential" and
the generation time.

"of M" is only known once every page is laid out, so the canvas keeps each finished page's
state and draws header and footer on all of them when the document is saved (the usual
reportlab recipe; one layout pass instead of two).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from screener.packets import labels as lb
from screener.packets import styles as st
from screener.text import Language

PAGE_WIDTH = 612.0  # US Letter, points
PAGE_HEIGHT = 792.0
MARGIN = 54.0
HEADER_Y = PAGE_HEIGHT - 36
FOOTER_Y = 34.0
_SIZE = 7.5
_SMALL = 6.0


@dataclass
class PageDecor:
    """What the header and footer print; `page_count` is set once the document is saved."""

    lang: Language
    referral_id: str
    client_name: str
    generated: str
    #: The small print: referral id, rules version and hash, record ids (never in the body).
    records: str = ""
    #: The document's title (header and metadata); the packet's by default.
    title: str = ""
    page_count: int = 0

    @property
    def document_title(self) -> str:
        return self.title or lb.PACKET_TITLE.get(self.lang)

    def draw(self, canvas: Any, page: int, total: int) -> None:
        """Header (not on the cover) and footer of page `page` of `total`."""
        from reportlab.lib.colors import HexColor
        from reportlab.pdfbase.pdfmetrics import stringWidth

        left, right = MARGIN, PAGE_WIDTH - MARGIN
        canvas.saveState()
        canvas.setStrokeColor(HexColor(st.RULE))
        canvas.setLineWidth(0.5)
        canvas.setFillColor(HexColor(st.MUTED))
        if page > 1:
            title = " · ".join(t for t in (self.document_title, self.referral_id) if t)
            canvas.setFont(st.FONT, _SIZE)
            canvas.drawString(left, HEADER_Y, title)
            room = right - left - stringWidth(title, st.FONT, _SIZE) - 24
            canvas.setFont(st.FONT_BOLD, _SIZE)
            canvas.drawRightString(
                right, HEADER_Y, _fit(self.client_name, st.FONT_BOLD, _SIZE, room)
            )
            canvas.line(left, HEADER_Y - 5, right, HEADER_Y - 5)
        canvas.line(left, FOOTER_Y + 10, right, FOOTER_Y + 10)
        canvas.setFont(st.FONT_BOLD, _SIZE)
        canvas.setFillColor(HexColor(st.RED))
        canvas.drawString(left, FOOTER_Y, lb.CONFIDENTIAL.get(self.lang))
        canvas.setFillColor(HexColor(st.MUTED))
        canvas.setFont(st.FONT, _SIZE)
        canvas.drawCentredString(
            PAGE_WIDTH / 2, FOOTER_Y, lb.GENERATED.get(self.lang).format(when=self.generated)
        )
        canvas.drawRightString(
            right, FOOTER_Y, lb.PAGE_N_OF_M.get(self.lang).format(n=page, m=total)
        )
        if self.records:
            canvas.setFont(st.FONT, _SMALL)
            canvas.drawString(left, FOOTER_Y - 10, _fit(self.records, st.FONT, _SMALL, right - left))
        canvas.restoreState()


def _fit(text: str, font: str, size: float, room: float) -> str:
    """`text`, shortened with an ellipsis until it fits in `room` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


@lru_cache(maxsize=1)
def numbered_canvas() -> type:
    """The canvas class that defers header and footer until the page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, decor: PageDecor, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._decor = decor
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            self._decor.page_count = total
            for number, state in enumerate(self._page_states, start=1):
                self.__dict__.update(state)
                self._decor.draw(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


#: PDF metadata never holds personal data: a fixed title and subject per language.
_SUBJECT = {"en": "Reentry program referral", "es": "Referencia a programas de reingreso"}
_LOCALE = {"en": "en-US", "es": "es-US"}


def lay_out(story: list[Any], decor: PageDecor, *, reproducible: bool = False) -> bytes:
    """Lay `story` out on US Letter pages with `decor`'s header and footer; the PDF bytes.

    `reproducible` is reportlab's invariant mode (fixed dates and file id), for tests.
    """
    from io import BytesIO

    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=PAGE_HEIGHT - HEADER_Y + 14,
        bottomMargin=FOOTER_Y + 22,
        title=decor.document_title,
        author="Screener",
        subject=_SUBJECT[decor.lang],
        creator="Screener",
        keywords="",
        lang=_LOCALE[decor.lang],
        initialFontName=st.FONT,  # else every page names an unembedded Helvetica
        initialFontSize=9.5,
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
    doc.build(story, canvasmaker=partial(numbered_canvas(), decor=decor))
    return buffer.getvalue()
