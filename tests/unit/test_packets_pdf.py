"""What a referral packet prints, read back from the PDF with pdftotext (DESIGN §7)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from screener.packets.model import ClientSummary, ProgramContact
from screener.packets.samples import LONG_NAME, SAMPLE_SSN, sample_consent, sample_content
from tests.unit.packet_pdf import Rendered, render, word_boxes


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("packets")


@pytest.fixture(scope="module")
def english(folder: Path) -> Rendered:
    return render(sample_content("en"), folder, "english.pdf")


@pytest.fixture(scope="module")
def spanish(folder: Path) -> Rendered:
    return render(sample_content("es"), folder, "spanish.pdf")


def test_packet_prints_client_programs_and_criteria_reasons(english: Rendered) -> None:
    text = english.flat
    for expected in [
        "Referral packet",
        "R-2026-000417",
        "Marcus A. Reyes-Whitfield",
        "Marc",
        "April 12, 1988",
        "Dana Okafor",
        "Interim housing",
        "Eligible",
        "Lives in or is returning to LA County",
        "Released within the last 12 months",
        "✓ Met",
        "? Unknown",
        "Unsheltered now",
        "Why referred Interim housing · Eligible Qualifies because: Lives in or is returning to "
        "LA County · Released within the last 12 months",
        "Referred by Dana Okafor, JCOD Reentry Intake (213) 555-0188 · dokafor@example.org",
        "Released November 20, 2026",
        "Officer: Officer J. Lee · (213) 555-0199",
        "Has: Photo ID Needs to bring or get: Medi-Cal card Not asked yet: Proof of release",
        "Photo ID",
        "☐ Not asked yet",
        "☐ Bring or get",
        "How to refer",
    ]:
        assert expected in text, expected
    # Record ids and the rules hash are small print in the footer, not in the body.
    assert "Referral R-2026-000417 · rules 2026-11-01 (9f2c4e1ab37d)" in english.page(2)
    assert "Rules hash" not in text and "Contents" not in text


def test_packet_cover_shows_urgent_flag_and_placeholder_warning(english: Rendered) -> None:
    cover = " ".join(english.page(1).split())
    assert "URGENT: Urgent follow-up: suicide risk" in cover
    assert "Example contact — replace before use" in cover
    assert "No photo ID: help the client obtain one" in cover


def test_packet_without_placeholder_contact_prints_no_warning(folder: Path) -> None:
    content = sample_content("en")
    real = ProgramContact("Real Provider", "1 Main St", "(213) 555-0000", placeholder=False)
    content = replace(content, programs=(replace(content.programs[0], contact=real),))
    assert "Example contact" not in render(content, folder, "real.pdf").text


def test_packet_every_page_has_footer_with_page_n_of_m(english: Rendered) -> None:
    pages = english.text.split("\f")[:-1]
    total = english.result.page_count
    assert len(pages) == total
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {total}" in page
        assert "Confidential" in page
        assert "Generated November 25, 2026, 2:05 PM" in page


def test_packet_prints_last_four_of_ssn_never_the_whole(english: Rendered) -> None:
    assert "***-**-6789" in english.text
    squeezed = "".join(ch for ch in english.text if ch.isdigit() or ch == "\f")
    assert SAMPLE_SSN not in english.text
    assert "123456789" not in squeezed


def test_packet_masks_an_ssn_smuggled_into_another_field(folder: Path) -> None:
    content = sample_content("en")
    client = replace(content.client, address="SSN 123 45 6789, Los Angeles", ssn="123456789")
    rendered = render(replace(content, client=client), folder, "smuggled.pdf")
    assert "123 45 6789" not in rendered.text
    assert "SSN ***-**-6789, Los Angeles" in rendered.flat


def test_packet_prints_sensitive_sections_with_consent(english: Rendered) -> None:
    text = english.flat
    assert "Substance use screening (DAST-10)" in text
    assert "Methamphetamine" in text
    assert "16 — moderately severe" in text
    assert "Notice required by 42 CFR §2.32" in text
    assert english.result.sections_withheld == ()
    assert english.result.consent_ids_used == ("C-1001",)
    assert "substance_use" in english.result.sections_included


def test_consent_page_prints_every_required_element(english: Rendered) -> None:
    text = english.flat
    for element in [
        "Client (patient) name Marcus A. Reyes-Whitfield",
        "Who may disclose Los Angeles County Justice, Care and Opportunities Department",
        "Substance use disorder information protected by 42 CFR Part 2",
        "Mental health information: screening results",
        "Who may receive it Example Provider",
        "Purpose Referral to and coordination of reentry services",
        "On November 20, 2027; When: the end of program enrollment",
        "Consent signed November 20, 2026 — Interim housing",
        "You may revoke this consent at any time",
        "already made in reliance on this consent",
        "How to revoke: write to JCOD Reentry Intake",
        "do not depend on whether you sign",
        "may then no longer be protected by federal privacy law",
        "never for use in civil, criminal, administrative or legislative proceedings",
        "You are entitled to a copy",
        "Signed by The client",
        "Date signed November 20, 2026",
    ]:
        assert element in text, element


def test_consent_page_prints_a_representatives_authority(folder: Path) -> None:
    consent = sample_consent(
        "en",
        signed_by="representative",
        representative_name="Ana Reyes",
        representative_authority="Conservator, LASC case 23STPB01234",
        signature_png=None,
    )
    text = render(sample_content("en", consents=(consent,)), folder, "rep.pdf").flat
    assert "Authorized representative: Ana Reyes" in text
    assert "Representative's authority Conservator, LASC case 23STPB01234" in text
    assert "(no signature image; signed on paper)" in text


def test_spanish_packet_uses_spanish_words_and_accents_extract(spanish: Rendered) -> None:
    text = spanish.flat
    for expected in [
        "Paquete de referencia",
        "Página 1 de",
        "Confidencial",
        "Generado el 25 de noviembre de 2026, 14:05",
        "Información de salud",
        "María José Hernández Núñez",
        "Número de Seguro Social",
        "(últimos cuatro dígitos)",
        "12 de abril de 1988",
        "Elegible",
        "✓ Cumple",
        "? Se desconoce",
        "Motivos de prioridad",
        "Autorización para compartir información",
        "Puede cancelar (revocar) esta autorización en cualquier momento",
        "Motivo de la referencia",
        "Es elegible porque",
        "Referencia hecha por",
        "Información de salud mental: Se comparte con la autorización firmada de la persona",
        "Aviso exigido por 42 CFR §2.32",
        "Contacto de ejemplo — reemplácelo antes de usarlo",
        "Cómo hacer la referencia",
    ]:
        assert expected in text, expected
    assert "Page " not in text and "Eligible" not in text
    for avoided in ("Retenida", "retenid", "No consta", "Consentimiento para divulgar"):
        assert avoided not in text


def test_long_name_and_25_criteria_stay_inside_the_page(folder: Path) -> None:
    content = sample_content("es", name=LONG_NAME, criteria=19)
    assert len(LONG_NAME) > 60 and len(content.programs[0].criteria) == 25
    rendered = render(content, folder, "long.pdf")
    assert LONG_NAME in rendered.flat
    for n in range(1, 20):
        assert f"Criterio número {n}: el cliente cumple" in rendered.flat
    # Nothing is drawn beyond the side margins (54 pt) or off the page: no overflow, no clip.
    boxes = word_boxes(rendered.path)
    assert len(boxes) > 500
    for x_min, y_min, x_max, y_max, word in boxes:
        assert 53 <= x_min and x_max <= 559 and 0 <= y_min and y_max <= 792, word


def test_packet_escapes_markup_in_data(folder: Path) -> None:
    content = sample_content("en", name="Ann <b>O'Neil</b> & Co")
    assert "Ann <b>O'Neil</b> & Co" in render(content, folder, "markup.pdf").flat


def test_packet_prints_not_given_for_missing_client_fields(folder: Path) -> None:
    content = replace(sample_content("en"), client=ClientSummary(full_name="Lee Park"))
    text = render(content, folder, "sparse.pdf").flat
    assert "Client Lee Park How to reach Not given" in text
    assert "***-**-" not in text


def test_every_packet_label_has_spanish() -> None:
    from screener.packets import consent_text, labels
    from screener.text import Text

    texts: list[Text] = []
    for module in (labels, consent_text):
        for value in vars(module).values():
            if isinstance(value, Text):
                texts.append(value)
            elif isinstance(value, dict):
                texts += [v for v in value.values() if isinstance(v, Text)]
    assert len(texts) > 60
    assert [t.en for t in texts if t.missing_spanish] == []


def test_value_longer_than_a_page_continues_on_the_next(folder: Path) -> None:
    content = sample_content("en")
    program = content.programs[0]
    huge = "Call the intake line and ask for the reentry coordinator. " * 120 + "END-OF-TEXT"
    contact = replace(program.contact, referral_instructions=huge)
    content = replace(content, programs=(replace(program, contact=contact),))
    rendered = render(content, folder, "huge.pdf")
    assert "END-OF-TEXT" in rendered.text
    assert rendered.result.page_count > render(sample_content("en"), folder, "n.pdf").result.page_count


def test_withheld_notice_does_not_reveal_whether_there_is_anything(folder: Path) -> None:
    uncovered = replace(sample_content("en"), cover={"substance_use": "none",
                                                      "mental_health": "declined"},
                        sensitive_sections=(), flags=(), consents=())
    text = render(uncovered, folder, "w.pdf").flat
    assert text.count("Withheld (no consent for substance use information: none signed, or "
                      "expired or revoked)") == 2  # page 1 and the health section
    assert text.count("Withheld (the client declined to share mental health information)") == 2
    assert "No valid consent to release substance use or mental health information" in text


def test_health_section_says_none_on_file_when_consented_and_empty(folder: Path) -> None:
    content = replace(sample_content("en"), sensitive_sections=())
    text = render(content, folder, "none.pdf").flat
    assert "Substance use information None on file" in text
    assert "Mental health information None on file" in text
