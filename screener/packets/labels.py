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
PREPARED_BY = Text("Prepared by", "Preparado por")
CLIENT = Text("Client", "Cliente")
PROGRAMS = Text("Programs", "Programas")
PROVIDER = Text("Receiving provider", "Proveedor que recibe")
URGENT = Text("URGENT", "URGENTE")
ALERTS = Text("Alerts", "Alertas")
PLACEHOLDER_WARNING = Text(
    "Example contact — replace before use", "Contacto de ejemplo — reemplácelo antes de usarlo"
)
CONTENTS = Text("Contents", "Contenido")

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
NOT_GIVEN = Text("Not given", "No consta")

# Eligibility
ELIGIBILITY = Text("Eligibility", "Elegibilidad")
TRACK = Text("Service track", "Área de servicio")
OUTCOME = Text("Outcome", "Resultado")
CRITERION = Text("Criterion", "Criterio")
STATUS = Text("Status", "Estado")
MISSING = Text("Information still needed", "Información que falta")
PRIORITY = Text("Priority reasons", "Motivos de prioridad")
RULES_VERSION = Text("Rules version", "Versión de las reglas")
RULES_HASH = Text("Rules hash", "Huella de las reglas")
NO_CRITERIA = Text("No criteria recorded.", "No se registraron criterios.")

# Sensitive information
HEALTH_INFORMATION = Text("Health information", "Información de salud")
SENSITIVE_KIND_TITLES = {
    "substance_use": Text("Substance use information", "Información sobre consumo de sustancias"),
    "mental_health": Text("Mental health information", "Información de salud mental"),
}
WITHHELD = Text(
    "Withheld: no valid consent covers this kind of information for {programs}.",
    "Retenida: ningún consentimiento válido cubre este tipo de información para {programs}.",
)
NONE_ON_FILE = Text("None on file", "No consta")

# Documents
DOCUMENTS = Text("Document checklist", "Lista de documentos")
DOCUMENT = Text("Document", "Documento")
ON_HAND = Text("On hand", "Disponible")
ON_HAND_VALUES = {
    True: Text("☑ Yes", "☑ Sí"),
    False: Text("☐ No", "☐ No"),
    None: Text("☐ Not checked", "☐ Sin verificar"),
}
NO_DOCUMENTS = Text("No documents requested.", "No se piden documentos.")

# Contacts
CONTACTS = Text("Program contacts", "Contactos de los programas")
REFERRAL_INSTRUCTIONS = Text("How to refer", "Cómo hacer la referencia")

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
