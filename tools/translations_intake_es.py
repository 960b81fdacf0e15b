"""Spanish for the intake wizard, eligibility view and packet dialog (`tr()` strings).

After merging, fill the shared translation file with them:

    python tools/update_translations.py
    python tools/fill_translations.py resources/i18n/screener_es.ts tools/translations_intake_es.py
    python tools/update_translations.py

Placeholders ({n}, {name}, ...) and mnemonics (&) are kept in every translation.
"""

ES = {
    # IntakeWizard
    "Opening the questions…": "Abriendo las preguntas…",
    "&Language of the questions:": "&Idioma de las preguntas:",
    "English": "English (inglés)",
    "Español (Spanish)": "Español",
    "Language of the questions": "Idioma de las preguntas",
    "Questions answered": "Preguntas contestadas",
    "&Sections": "&Secciones",
    "Sections of the form": "Secciones del formulario",
    "Every answer is saved as soon as it is entered.":
        "Cada respuesta se guarda en cuanto se escribe.",
    "&Back": "&Atrás",
    "&Next": "Si&guiente",
    "&Finish": "&Terminar",
    "Previous section": "Sección anterior",
    "Next section": "Sección siguiente",
    "Finish the intake": "Terminar la admisión",
    "The questions could not be opened.": "No se pudieron abrir las preguntas.",
    "Not finished yet": "Todavía no está terminada",
    "Some answers are still missing or need a check in: {sections}.\n\nEverything entered "
    "is saved: you can come back to this intake later.":
        "Todavía faltan respuestas o hay que revisar algunas en: {sections}.\n\nTodo lo "
        "escrito está guardado: puede volver a esta admisión más tarde.",
    "&Stay here": "&Quedarme aquí",
    "&Go to the first one": "&Ir a la primera",
    "Not saved: this answer needs a check.": "No se guardó: hay que revisar esta respuesta.",
    "Saved at {time}": "Guardado a las {time}",
    "{n} of {total} answered": "{n} de {total} contestadas",
    "This intake is complete. A changed answer asks why; the earlier answer is kept in its "
    "history.":
        "Esta admisión está terminada. Al cambiar una respuesta se pide el motivo; la "
        "respuesta anterior queda en el historial.",
    "These answers were taken with version {old} of the form; the questions shown are "
    "version {new}.":
        "Estas respuestas se tomaron con la versión {old} del formulario; las preguntas que se "
        "muestran son de la versión {new}.",
    "Finishing the intake…": "Terminando la admisión…",
    # SectionList
    "⚠ Answers to check: {n}": "⚠ Respuestas por revisar: {n}",
    "○ Required answers missing: {n}": "○ Faltan respuestas obligatorias: {n}",
    "✓ Nothing missing": "✓ No falta nada",
    # RepeatGroupEditor
    "Add an entry": "Agregar una entrada",
    "Add an entry to: {list}": "Agregar una entrada a: {list}",
    "Entry {n}": "Entrada {n}",
    "Remove entry {n}": "Quitar la entrada {n}",
    "Remove entry {n} of: {list}": "Quitar la entrada {n} de: {list}",
    # SignatureEditor
    "Clear signature": "Borrar la firma",
    "Clear signature: {name}": "Borrar la firma: {name}",
    # ReasonDialog
    "Why is this answer changed?": "¿Por qué se cambia esta respuesta?",
    "This intake is already complete. The earlier answer is kept in the history; say briefly "
    "why it is changed.":
        "Esta admisión ya está terminada. La respuesta anterior queda en el historial; diga "
        "brevemente por qué se cambia.",
    "Question: {label}": "Pregunta: {label}",
    "&Reason for the change:": "&Motivo del cambio:",
    "Reason for the change": "Motivo del cambio",
    "Save the change": "Guardar el cambio",
    "Keep the earlier answer": "Dejar la respuesta anterior",
    # FlagBanner
    "⚠ URGENT:": "⚠ URGENTE:",
    "Note:": "Nota:",
    # EligibilityView and ProgramCard
    "Eligibility": "Elegibilidad",
    "Reasons &in:": "Motivos &en:",
    "Language of the reasons": "Idioma de los motivos",
    "&Recompute": "&Volver a calcular",
    "Recompute eligibility from the latest intake":
        "Volver a calcular la elegibilidad con la última admisión",
    "Working out eligibility…": "Calculando la elegibilidad…",
    "Eligibility could not be worked out.": "No se pudo calcular la elegibilidad.",
    "No intake has been taken yet: there is nothing to screen.":
        "Todavía no se ha hecho ninguna admisión: no hay nada que evaluar.",
    "(screened {day}; rules {rules})": "(evaluado el {day}; reglas {rules})",
    "Content pack v{version} changed: {changes}":
        "El paquete de contenido v{version} cambió: {changes}",
    "This question is on a form not started yet for this client.":
        "Esta pregunta está en un formulario que aún no se ha empezado para esta persona.",
    "✔ Eligible": "✔ Elegible",
    "✖ Not eligible": "✖ No elegible",
    "? Needs information": "? Falta información",
    "Planning: not taking referrals yet": "En planeación: todavía no recibe referencias",
    "Subject to funding: a candidate list, not a referral":
        "Sujeto a fondos: una lista de candidatos, no una referencia",
    "Closed: not taking referrals": "Cerrado: no recibe referencias",
    "The client does not want this help now: not a referral to make":
        "La persona no quiere esta ayuda ahora: no hacer la referencia",
    "✔ met": "✔ se cumple",
    "✖ not met": "✖ no se cumple",
    "? unknown": "? se desconoce",
    "All of these:": "Todo lo siguiente:",
    "At least one of these:": "Por lo menos uno de estos:",
    "None of this:": "Nada de esto:",
    "Priority:": "Prioridad:",
    "Reasons:": "Motivos:",
    "To decide, ask:": "Para decidir, pregunte:",
    "Ask: {question}": "Preguntar: {question}",
    "Go to the question: {question}": "Ir a la pregunta: {question}",
    # PacketDialog and PdfPreview
    "Referral packet": "Paquete de referencia",
    "Working out the programs…": "Calculando los programas…",
    "Programs": "Programas",
    "Packet &language:": "&Idioma del paquete:",
    "Packet language": "Idioma del paquete",
    "&Preview": "&Vista previa",
    "P&rint…": "Imp&rimir…",
    "&Save as PDF…": "&Guardar como PDF…",
    "&Close": "&Cerrar",
    "Choose at least one program.": "Elija por lo menos un programa.",
    "Press Preview to see the packet.": "Haga clic en Vista previa para ver el paquete.",
    "Making the packet…": "Preparando el paquete…",
    "Preview: {n} pages.": "Vista previa: {n} páginas.",
    "The packet could not be made.": "No se pudo preparar el paquete.",
    "Printing…": "Imprimiendo…",
    "Sent {n} pages to the printer.": "Se enviaron {n} páginas a la impresora.",
    "Save the referral packet": "Guardar el paquete de referencia",
    "PDF files (*.pdf)": "Archivos PDF (*.pdf)",
    "Saving…": "Guardando…",
    "Saved as {name}.": "Guardado como {name}.",
    "Packet preview": "Vista previa del paquete",
    # intake-flow: eligibility at a glance, quick screen, urgent steps, section status
    '← &Back to the client': '← Volver al &cliente',
    'Eligibility: {name}': 'Elegibilidad: {name}',
    'Needs information ({n})': 'Falta información ({n})',
    'Not eligible ({n})': 'No elegible ({n})',
    'Declined by the client ({n})': 'El cliente no quiere esta ayuda ({n})',
    'Record &follow-up…': 'Registrar &seguimiento…',
    'An urgent flag has no follow-up yet: record what was done, by whom and when': 'Una alerta urgente todavía no tiene seguimiento: registre qué se hizo, quién lo hizo y cuándo',
    'Record follow-up': 'Registrar seguimiento',
    '&Flag:': '&Alerta:',
    '&What was done:': '&Qué se hizo:',
    'Your name and the time are recorded with it, in the audit log too. Record each step you take.': 'Se guardan su nombre y la hora, también en el registro de auditoría. Registre cada paso que tome.',
    '&Record': '&Registrar',
    'no follow-up recorded yet': 'todavía no se registró ningún seguimiento',
    '{action} ({user}, {day})': '{action} ({user}, {day})',
    'Eligible ({n})': 'Elegible ({n})',
    'No program yet.': 'Todavía ningún programa.',
    'qualifies because {why}': 'es elegible porque: {why}',
    'Refer…': 'Referir…',
    'Refer to {program}': 'Referir a {program}',
    'Ask next': 'Preguntar ahora',
    '{question} (programs it may decide: {n})': '{question} (programas que puede decidir: {n})',
    'Every program, with its reasons': 'Todos los programas, con sus motivos',
    'Reasons': 'Motivos',
    'Reasons: {program}': 'Motivos: {program}',
    '{date} — {form}': '{date} — {form}',
    '&Quick screen': 'Evaluación &rápida',
    "A new intake that asks only what can still change a program's outcome": 'Una admisión nueva que pregunta solo lo que todavía puede cambiar el resultado de un programa',
    "Ask only the questions that can still change a program's outcome, the most useful first. Turn it off to continue with the full intake: every answer stays.": 'Pregunta solo lo que todavía puede cambiar el resultado de un programa, primero lo más útil. Apáguela para seguir con la admisión completa: todas las respuestas se conservan.',
    'S&kip this question': '&Omitir esta pregunta',
    'Every program is decided. Finish, or turn the quick screen off to continue with the full intake.': 'Todos los programas están decididos. Termine, o apague la evaluación rápida para seguir con la admisión completa.',
    'Nothing left to ask that could decide the rest (questions skipped). Finish, or continue with the full intake.': 'No queda nada que preguntar que pueda decidir el resto (preguntas omitidas). Termine, o siga con la admisión completa.',
    'Asking: {question} (programs it may decide: {n})': 'Preguntando: {question} (programas que puede decidir: {n})',
    '{n} undecided': '{n} sin decidir',
    '{n} eligible': '{n} elegible(s)',
    'not eligible': 'no elegible',
    'Status': 'Estado',
    'URGENT:': 'URGENTE:',
    'Consent in force for {programs} until {day}': 'Autorización vigente para {programs} hasta el {day}',
    'Consent in force for {programs} (no expiry)': 'Autorización vigente para {programs} (sin vencimiento)',
    'No consent in force': 'Ninguna autorización vigente',
    'Last eligibility ({day}): {eligible} eligible · {not_eligible} not eligible · {waiting} need information': 'Última elegibilidad ({day}): {eligible} elegibles · {not_eligible} no elegibles · a {waiting} les falta información',
    'No eligibility yet: no intake is complete.': 'Todavía no hay elegibilidad: ninguna admisión está terminada.',
    'What to do now:': 'Qué hacer ahora:',
    '· Not visited yet': '· Todavía sin abrir',
    '{n} of {total} questions shown answered': '{n} de {total} preguntas mostradas contestadas',
    # Packets and the client handout (issue 16)
    "&Handout…": "&Hoja para el cliente…",
    "Print the client's next-steps handout": "Imprimir la hoja de próximos pasos para el cliente",
    "Client handout": "Hoja para el cliente",
    "Handout language": "Idioma de la hoja",
    "Show health program names (the client asked)":
        "Mostrar los nombres de los programas de salud (la persona lo pidió)",
    "Language:": "Idioma:",
    "Making the handout…": "Preparando la hoja…",
    "The handout could not be made.": "No se pudo preparar la hoja.",
    "Save the client handout": "Guardar la hoja para el cliente",
    "The receiving provider's language (English unless programs.yaml says otherwise)":
        "El idioma del proveedor que recibe (inglés, salvo que programs.yaml indique otro)",
    "Needs a consent first: {what}.": "Primero necesita una autorización: {what}.",
    "sign a release of information that includes this program's health information":
        "firmar una autorización para compartir información que incluya la información de "
        "salud de este programa",
    "Not taking referrals now.": "No recibe referencias por ahora.",
    "Referral packet…": "Paquete de referencia…",
    "Make a referral packet for {program}": "Preparar un paquete de referencia para {program}",
}
