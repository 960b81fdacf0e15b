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
        "Rules version: 2026-11-01",
        "sha256:9f2c4e1ab37d5c08e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7",
        "Photo ID",
        "☐ Not checked",
        "How to refer",
    ]:
        assert expected in text, expected


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
    assert len(pages) == english.result.page_count == 5
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of 5" in page
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


@pytest.mark.parametrize(
    "consents",
    [
        (),
        (sample_consent("en", expires_on=sample_content().generated_at.date().replace(day=1)),),
        (sample_consent("en", revoked=True),),
    ],
    ids=["no consent", "expired", "revoked"],
)
def test_packet_withholds_sensitive_sections_without_valid_consent(
    folder: Path, consents: tuple[object, ...]
) -> None:
    content = sample_content("en", consents=consents)  # type: ignore[arg-type]
    rendered = render(content, folder, "withheld.pdf")
    text = rendered.flat
    assert "Withheld: no valid consent covers this kind of information for Interim housing." in text
    for leaked in ["Methamphetamine", "DAST-10", "PHQ-9 score", "Several days"]:
        assert leaked not in text
    assert "No valid consent to release substance use or mental health information" in text
    assert rendered.result.sections_withheld == ("substance_use", "mental_health")
    assert "substance_use" not in rendered.result.sections_included
    assert rendered.result.consent_ids_used == ()


def test_packet_lists_consents_that_do_not_count_with_the_reason(folder: Path) -> None:
    expired = sample_consent(
        "en", consent_id="C-7", expires_on=sample_content().generated_at.date().replace(month=1)
    )
    revoked = sample_consent("en", consent_id="C-8", revoked=True)
    text = render(sample_content("en", consents=(expired, revoked)), folder, "reasons.pdf").flat
    assert "Consent C-7: expired on January 25, 2026" in text
    assert "Consent C-8: revoked" in text


def test_packet_sud_only_consent_shares_substance_use_and_withholds_mental_health(
    folder: Path,
) -> None:
    consent = sample_consent("en", includes_mental_health=False)
    rendered = render(sample_content("en", consents=(consent,)), folder, "sud_only.pdf")
    assert "Methamphetamine" in rendered.text
    assert "PHQ-9 score" not in rendered.text
    assert rendered.result.sections_withheld == ("mental_health",)


def test_combined_packet_withholds_what_one_program_lacks_consent_for(folder: Path) -> None:
    content = sample_content("en", programs=("housing", "bh", "emp"))
    rendered = render(content, folder, "combined.pdf")
    text = rendered.flat
    for title in ["Interim housing", "Outpatient substance use treatment", "Paid work experience"]:
        assert title in text
    assert "Needs information" in text and "Not eligible" in text
    assert "What type of supervision is the client on?" in text
    assert "kind of information for Paid work experience." in text
    assert "Methamphetamine" not in text
    assert rendered.result.sections_withheld == ("substance_use", "mental_health")


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
        "Página 1 de 5",
        "Página 5 de 5",
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
        "Consentimiento para divulgar información",
        "Puede revocar este consentimiento en cualquier momento",
        "Aviso exigido por 42 CFR §2.32",
        "Contacto de ejemplo — reemplácelo antes de usarlo",
        "Cómo hacer la referencia",
    ]:
        assert expected in text, expected
    assert "Page " not in text and "Eligible" not in text


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
    assert "Date of birth Not given" in text
    assert "SSN (last four digits) Not given" in text


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
    assert rendered.result.page_count == 6


def test_withheld_notice_does_not_reveal_whether_there_is_anything(folder: Path) -> None:
    with_data = render(sample_content("en", consents=()), folder, "w1.pdf")
    without = render(
        replace(sample_content("en", consents=()), sensitive_sections=()), folder, "w2.pdf"
    )
    notice = "Withheld: no valid consent covers this kind of information for Interim housing."
    for rendered in (with_data, without):
        assert rendered.flat.count(notice) == 2
        assert "Substance use information: Withheld" in rendered.flat
    assert without.result.sections_withheld == ()  # the audit log records what was held back
    assert with_data.result.sections_withheld == ("substance_use", "mental_health")


def test_health_section_says_none_on_file_when_consented_and_empty(folder: Path) -> None:
    content = replace(sample_content("en"), sensitive_sections=())
    text = render(content, folder, "none.pdf").flat
    assert "Health information None on file" in text
    assert "Substance use information: None on file" in text
