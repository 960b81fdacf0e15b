"""Fictional packet contents for previews, benchmarks and tests. No real person, no real
provider: the contacts are the shipped placeholders."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from io import BytesIO
from typing import Any

from screener.packets.model import (
    ClientSummary,
    ConsentView,
    CriterionLine,
    DocumentItem,
    Flag,
    PacketContent,
    ProgramContact,
    ProgramSection,
    SensitiveSection,
    Situation,
    Worker,
)
from screener.text import Language

SAMPLE_SSN = "123-45-6789"
SAMPLE_NOW = datetime(2026, 11, 25, 22, 5, tzinfo=UTC)  # 2:05 PM in Los Angeles
LONG_NAME = "Maximiliano Alejandro de la Santísima Trinidad Fernández-Villavicencio Ruiz"

_T: dict[str, dict[str, Any]] = {
    "en": {
        "lang_name": "English",
        "custody": "Released from: County jail",
        "supervision": "Felony probation · ends March 1, 2028",
        "housing": "Housing",
        "interim": "Interim housing",
        "bh": "Behavioral health",
        "sud_tx": "Outpatient substance use treatment",
        "emp": "Employment and education",
        "work": "Paid work experience",
        "all": "All of the following",
        "any": "Any of the following",
        "la": "Lives in or is returning to LA County",
        "recent": "Released within the last 12 months",
        "felony": "On adult felony probation",
        "homeless": "Currently homeless or at risk of homelessness",
        "adult": "Is 18 or older",
        "missing": "What type of supervision is the client on?",
        "unsheltered": "Unsheltered now",
        "id": "Photo ID",
        "release": "Proof of release",
        "medi": "Medi-Cal card",
        "urgent": "Urgent follow-up: suicide risk (PHQ-9 item 9 answered above zero)",
        "no_id": "No photo ID: help the client obtain one",
        "discloser": "Los Angeles County Justice, Care and Opportunities Department, reentry intake",
        "purpose": "Referral to and coordination of reentry services",
        "info": "Contact details, eligibility screening answers and results",
        "event": "the end of program enrollment",
        "revoke": "write to JCOD Reentry Intake, 100 Example St, Los Angeles, CA 90000",
        "sud_title": "Substance use screening (DAST-10)",
        "sud_rows": (
            ("DAST-10 score", "4 — moderate"),
            ("Primary substance", "Methamphetamine"),
            ("Used in the past year", "Yes"),
        ),
        "mh_title": "Mental health screening (PHQ-9)",
        "mh_rows": (
            ("PHQ-9 score", "16 — moderately severe"),
            ("Item 9: thoughts of self-harm", "Several days"),
            ("Serious mental illness diagnosis", "Yes"),
        ),
        "instructions": "Email the packet to the address above and call within two business "
        "days to confirm it arrived.",
        "criterion": "Criterion number {n}: the client meets this program requirement",
    },
    "es": {
        "lang_name": "Español",
        "custody": "Salió de: Cárcel del condado",
        "supervision": "Probatoria por delito grave (felony probation) · termina el 1 de marzo de 2028",
        "housing": "Vivienda",
        "interim": "Vivienda provisional",
        "bh": "Salud conductual",
        "sud_tx": "Tratamiento ambulatorio por consumo de sustancias",
        "emp": "Empleo y educación",
        "work": "Experiencia laboral pagada",
        "all": "Todo lo siguiente",
        "any": "Cualquiera de lo siguiente",
        "la": "Vive o regresa al Condado de Los Ángeles",
        "recent": "Salió de custodia en los últimos 12 meses",
        "felony": "En probatoria por delito grave (felony probation)",
        "homeless": "Sin hogar o en riesgo de quedarse sin hogar",
        "adult": "Tiene 18 años o más",
        "missing": "¿Qué tipo de supervisión tiene el cliente?",
        "unsheltered": "Vive en la calle (sin techo)",
        "id": "Identificación con foto",
        "release": "Papeles de salida (release papers)",
        "medi": "Tarjeta de Medi-Cal",
        "urgent": "Seguimiento urgente: riesgo de suicidio (pregunta 9 del PHQ-9 mayor que cero)",
        "no_id": "Sin identificación con foto: ayude al cliente a obtenerla",
        "discloser": "Departamento de Justicia, Cuidado y Oportunidades del Condado de Los "
        "Ángeles, admisión de reingreso",
        "purpose": "Referencia y coordinación de servicios de reingreso",
        "info": "Datos de contacto, respuestas y resultados de la evaluación de elegibilidad",
        "event": "el fin de la inscripción en el programa",
        "revoke": "escriba a JCOD Admisión de Reingreso, 100 Example St, Los Angeles, CA 90000",
        "sud_title": "Evaluación de consumo de sustancias (DAST-10)",
        "sud_rows": (
            ("Puntaje DAST-10", "4 — moderado"),
            ("Sustancia principal", "Metanfetamina"),
            ("Consumo en el último año", "Sí"),
        ),
        "mh_title": "Evaluación de salud mental (PHQ-9)",
        "mh_rows": (
            ("Puntaje PHQ-9", "16 — moderadamente grave"),
            ("Pregunta 9: pensamientos de hacerse daño", "Varios días"),
            ("Diagnóstico de enfermedad mental grave", "Sí"),
        ),
        "instructions": "Envíe el paquete por correo electrónico a la dirección indicada y llame "
        "en un plazo de dos días hábiles para confirmar que llegó.",
        "criterion": "Criterio número {n}: el cliente cumple este requisito del programa",
    },
}


@lru_cache(maxsize=1)
def sample_signature_png() -> bytes:
    """A small scribbled signature, drawn in memory."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (360, 90), 255)
    draw = ImageDraw.Draw(image)
    points = [
        (12 + i * 12, 55 + (18 if i % 3 == 0 else -14 if i % 3 == 1 else 4)) for i in range(28)
    ]
    draw.line(points, fill=0, width=4)
    draw.line([(40, 75), (320, 70)], fill=0, width=2)
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sample_contact(lang: Language) -> ProgramContact:
    """The shipped example contact (a placeholder)."""
    return ProgramContact(
        provider_name="Example Provider — replace before use",
        address="100 Example St, Suite 200\nLos Angeles, CA 90000",
        phone="(555) 555-0100",
        email="referrals@example.org",
        referral_instructions=_T[lang]["instructions"],
        placeholder=True,
    )


def sample_program(lang: Language, kind: str = "housing", criteria: int = 0) -> ProgramSection:
    """A determined program: housing (eligible), behavioral health or employment."""
    t = _T[lang]
    lines = [
        CriterionLine(t["all"], "met", 0),
        CriterionLine(t["la"], "met", 1),
        CriterionLine(t["any"], "met", 1),
        CriterionLine(t["recent"], "met", 2),
        CriterionLine(t["felony"], "unknown", 2),
        CriterionLine(t["homeless"], "met", 1),
    ]
    lines += [
        CriterionLine(t["criterion"].format(n=n), ("met", "not_met", "unknown")[n % 3], 1 + n % 3)
        for n in range(1, criteria + 1)
    ]
    titles = {
        "housing": ("housing", "interim_housing", t["housing"], t["interim"], "eligible"),
        "bh": ("behavioral_health", "outpatient_sud", t["bh"], t["sud_tx"], "needs_information"),
        "emp": ("employment_education", "paid_work", t["emp"], t["work"], "not_eligible"),
    }
    track_id, program_id, track_title, title, outcome = titles[kind]
    return ProgramSection(
        track_id=track_id,
        track_title=track_title,
        program_id=program_id,
        title=title,
        outcome=outcome,  # type: ignore[arg-type]
        criteria=tuple(lines),
        missing=(t["missing"],) if outcome == "needs_information" else (),
        priority=(t["unsheltered"],) if kind == "housing" else (),
        qualifies_because=(t["la"], t["recent"], t["homeless"]),
        documents=(
            DocumentItem(t["id"], True),
            DocumentItem(t["release"], None),
            DocumentItem(t["medi"], False),
        ),
        contact=sample_contact(lang),
        rules_version="2026-11-01",
        rules_hash="sha256:9f2c4e1ab37d5c08e6f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7",
    )


def sample_consent(
    lang: Language,
    tracks: frozenset[str] = frozenset({"housing", "behavioral_health"}),
    **changes: object,
) -> ConsentView:
    """A signed consent covering substance use and mental health for `tracks`."""
    t = _T[lang]
    fields: dict[str, object] = dict(
        consent_id="C-1001",
        track_ids=tracks,
        includes_sud=True,
        includes_mental_health=True,
        signed_on=date(2026, 11, 20),
        expires_on=date(2027, 11, 20),
        expiry_event=t["event"],
        signature_png=sample_signature_png(),
        discloser=t["discloser"],
        recipients=("Example Provider — replace before use",),
        purpose=t["purpose"],
        information_description=t["info"],
        revoke_instructions=t["revoke"],
    )
    fields.update(changes)
    return ConsentView(**fields)  # type: ignore[arg-type]


def sample_content(
    lang: Language = "en",
    *,
    programs: tuple[str, ...] = ("housing",),
    name: str | None = None,
    criteria: int = 0,
    consents: tuple[ConsentView, ...] | None = None,
) -> PacketContent:
    """A complete packet content: a fictional client, the named sample programs, a consent."""
    t = _T[lang]
    client = ClientSummary(
        full_name=name
        or ("María José Hernández Núñez" if lang == "es" else "Marcus A. Reyes-Whitfield"),
        preferred_name="Majo" if lang == "es" else "Marc",
        dob=date(1988, 4, 12),
        language=t["lang_name"],
        phone="(213) 555-0142",
        email="client@example.org",
        address="1200 W Example Ave, Apt 4\nLos Angeles, CA 90012",
        ssn=SAMPLE_SSN,
        other_contact="Rosa Reyes (213) 555-0177",
        situation=Situation(
            release_date=date(2026, 11, 20),
            custody=t["custody"],
            supervision=t["supervision"],
            officer_name="Officer J. Lee",
            officer_phone="(213) 555-0199",
        ),
    )
    return PacketContent(
        lang=lang,
        referral_id="R-2026-000417",
        generated_at=SAMPLE_NOW,
        worker=Worker("Dana Okafor", "JCOD Reentry Intake", "(213) 555-0188",
                      "dokafor@example.org"),
        cover={"substance_use": "covered", "mental_health": "covered"},
        client=client,
        programs=tuple(
            sample_program(lang, p, criteria if i == 0 else 0) for i, p in enumerate(programs)
        ),
        flags=(Flag("suicide_risk", t["urgent"], urgent=True), Flag("no_photo_id", t["no_id"])),
        consents=(sample_consent(lang),) if consents is None else consents,
        sensitive_sections=(
            SensitiveSection("substance_use", t["sud_title"], t["sud_rows"]),
            SensitiveSection("mental_health", t["mh_title"], t["mh_rows"]),
        ),
    )
