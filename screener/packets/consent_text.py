"""The consent page's own words: element labels and the statements 42 CFR §2.31/§2.32 and
45 CFR 164.508(c) require, in English and Spanish.

The regulation texts change (the 2024 Part 2 rule is in force from 2026-02-16); have counsel
review these statements before real use (domain/FACTS.md §5 marks some items uncertain).
"""

from __future__ import annotations

from screener.text import Text

CONSENT_TITLE = Text("Consent to release information", "Autorización para compartir información")
CONSENT_SUBTITLE = Text(
    "42 CFR Part 2 (§2.31) and HIPAA authorization (45 CFR 164.508(c))",
    "42 CFR Parte 2 (§2.31) y autorización HIPAA (45 CFR 164.508(c))",
)
CONSENT_SIGNED = Text("Consent signed {date}", "Autorización firmada el {date}")

# The elements, in the order the page prints them.
PATIENT_NAME = Text("Client (patient) name", "Nombre del cliente (paciente)")
DISCLOSER = Text("Who may disclose", "Quién puede divulgar")
INFORMATION = Text("Information to be disclosed", "Información que se divulgará")
RECIPIENTS = Text("Who may receive it", "Quién puede recibirla")
PURPOSE = Text("Purpose", "Propósito")
EXPIRY = Text("This consent ends", "Esta autorización termina")
REVOKE = Text("Right to revoke", "Derecho a revocar")
CONDITIONING = Text("Signing and services", "Firma y servicios")
REDISCLOSURE = Text("Redisclosure", "Nueva divulgación")
COPY = Text("Copy", "Copia")
SIGNATURE = Text("Signature", "Firma")
SIGNED_BY = Text("Signed by", "Firmada por")
DATE_SIGNED = Text("Date signed", "Fecha de la firma")
AUTHORITY = Text("Representative's authority", "Autoridad legal del representante")

SUD_DESCRIPTION = Text(
    "Substance use disorder information protected by 42 CFR Part 2: substance use screening "
    "results, diagnoses, treatment history and referrals for alcohol or drug use.",
    "Información sobre trastornos por consumo de sustancias protegida por 42 CFR Parte 2: "
    "resultados de evaluaciones de consumo de sustancias, diagnósticos, historial de "
    "tratamiento y referencias por consumo de alcohol o drogas.",
)
MH_DESCRIPTION = Text(
    "Mental health information: screening results, diagnoses and treatment history.",
    "Información de salud mental: resultados de evaluaciones, diagnósticos e historial de "
    "tratamiento.",
)
NO_SENSITIVE_DESCRIPTION = Text(
    "No substance use or mental health information.",
    "Ninguna información sobre consumo de sustancias ni de salud mental.",
)
EXPIRES_ON = Text("On {date}", "El {date}")
EXPIRES_EVENT = Text("When: {event}", "Cuando: {event}")
WHICHEVER_FIRST = Text("whichever comes first", "lo que ocurra primero")
REVOKE_STATEMENT = Text(
    "You may revoke this consent at any time by telling the discloser in writing. Revoking "
    "does not undo any use or disclosure already made in reliance on this consent.",
    "Puede cancelar (revocar) esta autorización en cualquier momento avisando por escrito a "
    "quien divulga. La cancelación no anula ningún uso o divulgación ya hecha con base en "
    "esta autorización.",
)
REVOKE_HOW = Text("How to revoke: {how}", "Cómo cancelarla: {how}")
NOT_CONDITIONED = Text(
    "Signing is voluntary. Your treatment, payment, enrollment in a health plan and "
    "eligibility for benefits do not depend on whether you sign this consent.",
    "Firmar es voluntario. Su tratamiento, el pago, su inscripción en un plan de salud y su "
    "elegibilidad para beneficios no dependen de que firme esta autorización.",
)
CONDITIONED = Text(
    "The receiving program may require this consent to enroll you in its services. Your "
    "treatment, payment, health plan enrollment and eligibility for benefits elsewhere do "
    "not depend on signing it.",
    "El programa que recibe la referencia puede exigir esta autorización para inscribirle en "
    "sus servicios. Su tratamiento, el pago, su inscripción en un plan de salud y su "
    "elegibilidad para beneficios en otros lugares no dependen de que la firme.",
)
REDISCLOSURE_HIPAA = Text(
    "Information disclosed under this consent may be redisclosed by the recipient and may "
    "then no longer be protected by federal privacy law (HIPAA).",
    "La información divulgada con esta autorización puede ser divulgada de nuevo por quien "
    "la recibe y, en ese caso, puede dejar de estar protegida por la ley federal de "
    "privacidad (HIPAA).",
)
REDISCLOSURE_PART2 = Text(
    "Substance use disorder records may be redisclosed only as 42 CFR Part 2 and HIPAA "
    "permit, and never for use in civil, criminal, administrative or legislative proceedings "
    "against you without your specific written consent or a court order.",
    "Los registros sobre trastornos por consumo de sustancias solo pueden divulgarse de nuevo "
    "según lo permitan 42 CFR Parte 2 y HIPAA, y nunca para usarse en procedimientos civiles, "
    "penales, administrativos o legislativos en su contra sin su consentimiento específico "
    "por escrito o una orden judicial.",
)
COPY_STATEMENT = Text(
    "You are entitled to a copy of this signed consent.",
    "Usted tiene derecho a recibir una copia de esta autorización firmada.",
)
SIGNED_BY_CLIENT = Text("The client", "La persona (cliente)")
SIGNED_BY_REPRESENTATIVE = Text(
    "Authorized representative: {name}", "Representante autorizado: {name}"
)
SIGNED_ON_PAPER = Text(
    "(no signature image; signed on paper)", "(sin imagen de firma; firmada en papel)"
)
NO_VALID_CONSENT = Text(
    "No valid consent to release substance use or mental health information is on file for "
    "this packet. That information has been withheld.",
    "No hay ninguna autorización válida para compartir información sobre consumo de "
    "sustancias o de salud mental para este paquete. Esa información no se incluye.",
)
#: 42 CFR §2.32(a)(1) as amended in 2024: must accompany each disclosure made with consent.
PART2_NOTICE_TITLE = Text("Notice required by 42 CFR §2.32", "Aviso exigido por 42 CFR §2.32")
PART2_NOTICE = Text(
    "This record which has been disclosed to you is protected by Federal confidentiality "
    "rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, or "
    "testimony that describes the information contained in this record, in any civil, "
    "criminal, administrative, or legislative proceedings by any Federal, State, or local "
    "authority, against the patient, unless authorized by the consent of the patient, except "
    "as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR "
    "2.64 or 2.65. In addition, the Federal rules prohibit you from making any other use or "
    "disclosure of this record unless at least one of the following applies: (i) further use "
    "or disclosure is expressly permitted by the written consent of the individual whose "
    "information is being disclosed in this record or as otherwise permitted by 42 CFR part "
    "2; (ii) you are a covered entity or business associate and have received the record for "
    "treatment, payment, or health care operations; or (iii) you have received the record "
    "from a covered entity or business associate as permitted by 45 CFR part 164, subparts A "
    "and E. A general authorization for the release of medical or other information is NOT "
    "sufficient to meet the required elements of written consent to further use or redisclose "
    "the record (see 42 CFR 2.31).",
    "Este registro que se le ha divulgado está protegido por las normas federales de "
    "confidencialidad (42 CFR parte 2). Estas normas le prohíben usar o divulgar este "
    "registro, o testimonios que describan la información que contiene, en cualquier "
    "procedimiento civil, penal, administrativo o legislativo de una autoridad federal, "
    "estatal o local contra el paciente, salvo que lo autorice el consentimiento del paciente, "
    "con las excepciones de 42 CFR 2.12(c)(5) o cuando lo autorice una corte conforme a "
    "42 CFR 2.64 o 2.65. Además, las normas federales le prohíben cualquier otro uso o "
    "divulgación de este registro salvo que se cumpla al menos una de estas condiciones: "
    "(i) el uso o la divulgación está permitido expresamente por el consentimiento escrito de "
    "la persona cuya información se divulga o lo permite de otro modo 42 CFR parte 2; "
    "(ii) usted es una entidad cubierta o un socio comercial y recibió el registro para "
    "tratamiento, pago u operaciones de atención médica; o (iii) recibió el registro de una "
    "entidad cubierta o un socio comercial según lo permite 45 CFR parte 164, subpartes A y E. "
    "Una autorización general para divulgar información médica o de otro tipo NO basta para "
    "cumplir los requisitos del consentimiento escrito para usar o divulgar de nuevo el "
    "registro (véase 42 CFR 2.31).",
)
