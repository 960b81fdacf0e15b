"""Every heading, label and word the packet prints itself, in English and Spanish.

Data strings (program titles, criteria, answers) arrive already translated in the view model;
these are the packet's own words. Dates are written out ("November 25, 2026",
"25 de noviembre de 2026") so that neither reader can mistake day for month.
"""

from __future__ import annotations

from datetime import date, datetime

from screener.clock import LOCAL_ZONE
from screener.text import Language, Text

# Document and page furniture
PACKET_TITLE = Text("Referral packet", "Paquete de referencia")
PACKET_SUBTITLE = Text(
    "Los Angeles County reentry programs", "Programas de reingreso del Condado de Los Ángeles"
)
CONFIDENTIAL = Text("Confidential", "Confidencial")
PAGE_N_OF_M = Text("Page {n} of {m}", "Página {n} de {m}")
GENERATED = Text("Generated {when}", "Generado el {when}")

# Cover sheet
REFERRAL_ID = Text("Referral ID", "Número de referencia")
DATE = Text("Date", "Fecha")
REFERRED_BY = Text("Referred by", "Referencia hecha por")
CLIENT = Text("Client", "Cliente")
PROGRAMS = Text("Programs", "Programas")
PROVIDER = Text("Receiving provider", "Proveedor que recibe")
URGENT = Text("URGENT", "URGENTE")
ALERTS = Text("Alerts", "Alertas")
PLACEHOLDER_WARNING = Text(
    "Example contact — replace before use", "Contacto de ejemplo — reemplácelo antes de usarlo"
)
WHY_REFERRED = Text("Why referred", "Motivo de la referencia")
QUALIFIES_BECAUSE = Text("Qualifies because", "Es elegible porque")
REACH = Text("How to reach", "Cómo comunicarse")
OTHER_CONTACT = Text("Other contact", "Otro contacto")
RELEASE = Text("Release", "Salida")
RELEASE_DATE = Text("Released {date}", "Salió el {date}")
IN_CUSTODY = Text("In custody now", "Bajo custodia ahora")
EXPECTED_RELEASE = Text("expected release {date}", "salida prevista el {date}")
RELEASED_FROM = Text("Released from: {place}", "Salió de: {place}")
SUPERVISION = Text("Supervision", "Supervisión")
ENDS = Text("ends {date}", "termina el {date}")
OFFICER = Text("Officer", "Oficial")
HAS_DOCUMENTS = Text("Has", "Tiene")
NEEDS_DOCUMENTS = Text("Needs to bring or get", "Debe traer o conseguir")
UNCHECKED_DOCUMENTS = Text("Not asked yet", "No se preguntó todavía")
NONE_LISTED = Text("none", "ninguno")

OUTCOMES = {
    "eligible": Text("Eligible", "Elegible"),
    "not_eligible": Text("Not eligible", "No elegible"),
    "needs_information": Text("Needs information", "Falta información"),
}
STATUSES = {
    "met": Text("Met", "Cumple"),
    "not_met": Text("Not met", "No cumple"),
    "unknown": Text("Unknown", "Se desconoce"),
}
STATUS_MARKS = {"met": "✓", "not_met": "✗", "unknown": "?"}
#: The status of a group some of whose criteria are withheld (it would tell theirs).
STATUS_HIDDEN = Text("—", "—")

# Client summary
CLIENT_SUMMARY = Text("Client summary", "Resumen del cliente")
NAME = Text("Name", "Nombre")
PREFERRED_NAME = Text("Preferred name", "Nombre preferido")
DOB = Text("Date of birth", "Fecha de nacimiento")
LANGUAGE = Text("Language", "Idioma")
PHONE = Text("Phone", "Teléfono")
EMAIL = Text("Email", "Correo electrónico")
ADDRESS = Text("Address", "Dirección")
SSN_LAST4 = Text("SSN (last four digits)", "Número de Seguro Social (últimos cuatro dígitos)")
NOT_GIVEN = Text("Not given", "No se dio")

# Eligibility
ELIGIBILITY = Text("Eligibility", "Elegibilidad")
TRACK = Text("Service track", "Área de servicio")
OUTCOME = Text("Outcome", "Resultado")
CRITERION = Text("Criterion", "Criterio")
STATUS = Text("Status", "Estado")
MISSING = Text("Information still needed", "Información que falta")
PRIORITY = Text("Priority reasons", "Motivos de prioridad")
FOOTER_RECORDS = Text(
    "Referral {referral} · rules {version} ({hash}) · records {ids}",
    "Referencia {referral} · reglas {version} ({hash}) · registros {ids}",
)
NO_CRITERIA = Text("No criteria recorded.", "No se registraron criterios.")

# Sensitive information
HEALTH_INFORMATION = Text("Health information", "Información de salud")
SENSITIVE_KIND_TITLES = {
    "substance_use": Text("Substance use information", "Información sobre consumo de sustancias"),
    "mental_health": Text("Mental health information", "Información de salud mental"),
}
KIND_NAMES = {
    "substance_use": Text("substance use", "consumo de sustancias"),
    "mental_health": Text("mental health", "salud mental"),
}
#: The one line that stands for anything sensitive consent does not cover, by cover state.
WITHHELD = {
    "none": Text(
        "Withheld (no consent for {kind} information: none signed, or expired or revoked)",
        "No se incluye (no hay autorización para compartir información de {kind}: no se "
        "firmó, o se venció o se canceló)",
    ),
    "declined": Text(
        "Withheld (the client declined to share {kind} information)",
        "No se incluye (la persona decidió no compartir información de {kind})",
    ),
}
COVERED = Text("Shared with the client's signed consent", "Se comparte con la autorización firmada de la persona")
NONE_ON_FILE = Text("None on file", "No hay en el expediente")

# Documents
DOCUMENTS = Text("Document checklist", "Lista de documentos")
DOCUMENT = Text("Document", "Documento")
ON_HAND = Text("Client has it", "La persona lo tiene")
ON_HAND_VALUES = {
    True: Text("☑ Has it", "☑ Lo tiene"),
    False: Text("☐ Bring or get", "☐ Traer o conseguir"),
    None: Text("☐ Not asked yet", "☐ No se preguntó"),
}
NO_DOCUMENTS = Text("No documents requested.", "No se piden documentos.")

# Contacts
CONTACTS = Text("Program contacts", "Contactos de los programas")
REFERRAL_INSTRUCTIONS = Text("How to refer", "Cómo hacer la referencia")
HOURS = Text("Hours", "Horario")

_MONTHS = {
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ).split(),
}


def format_date(day: date, lang: Language) -> str:
    """`day` written out in `lang`."""
    month = _MONTHS[lang][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{month} {day.day}, {day.year}"


def local_time(instant: datetime) -> datetime:
    """`instant` in Los Angeles time (a naive datetime is taken as already local)."""
    if instant.tzinfo is None:
        return instant
    return instant.astimezone(LOCAL_ZONE)


def format_datetime(instant: datetime, lang: Language) -> str:
    """Date and time in Los Angeles, e.g. "November 25, 2026, 2:05 PM" / "…, 14:05"."""
    local = local_time(instant)
    day = format_date(local.date(), lang)
    if lang == "es":
        return f"{day}, {local:%H:%M}"
    hour = local.hour % 12 or 12
    return f"{day}, {hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
