<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AdminPage</name>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>&amp;Staff accounts</source>
        <translation>&amp;Cuentas del personal</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Con&amp;figuración</translation>
    </message>
    <message>
        <source>Audit &amp;log</source>
        <translation>&amp;Registro de auditoría</translation>
    </message>
</context>
<context>
    <name>AnswerHistory</name>
    <message>
        <source>Answer history</source>
        <translation>Historial de respuestas</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>Anotado</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Reason for change</source>
        <translation>Motivo del cambio</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Reemplazado</translation>
    </message>
    <message>
        <source>Inta&amp;ke:</source>
        <translation>A&amp;dmisión:</translation>
    </message>
    <message>
        <source>Fiel&amp;d:</source>
        <translation>Preg&amp;unta:</translation>
    </message>
    <message>
        <source>No answers recorded yet.</source>
        <translation>Todavía no hay respuestas anotadas.</translation>
    </message>
    <message>
        <source>{date} — {form}</source>
        <translation>{date} — {form}</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(sin respuesta)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>Registro de auditoría</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Verificar cadena</translation>
    </message>
    <message>
        <source>Check that no audit line was changed, inserted or deleted.</source>
        <translation>Comprueba que ninguna línea del registro se haya cambiado, insertado o borrado.</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Resultado de la verificación</translation>
    </message>
    <message>
        <source>Every view, change, print and export is recorded here with who did it and when. Lines name records by id only, never personal details.</source>
        <translation>Aquí queda anotado cada acceso, cambio, impresión y exportación, con quién lo hizo y cuándo. Las líneas identifican los registros solo por su id, nunca con datos personales.</translation>
    </message>
    <message>
        <source>Checking the audit log…</source>
        <translation>Verificando el registro de auditoría…</translation>
    </message>
    <message>
        <source>The audit log is intact: {rows} lines checked.</source>
        <translation>El registro de auditoría está intacto: se verificaron {rows} líneas.</translation>
    </message>
    <message>
        <source>The audit log was tampered with: {count} problems in {rows} lines. {lines}</source>
        <translation>El registro de auditoría fue alterado: {count} problemas en {rows} líneas. {lines}</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>No se pudo hacer la verificación: {error}</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Tipo de registro</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Id del registro</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <source>← &amp;Back to clients</source>
        <translation>← &amp;Volver a clientes</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Nombre del cliente</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>SSN</source>
        <translation>N.º de Seguro Social</translation>
    </message>
    <message>
        <source>Booking #</source>
        <translation>N.º de registro del Sheriff (booking)</translation>
    </message>
    <message>
        <source>CDCR #</source>
        <translation>N.º de CDCR</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>Expediente creado</translation>
    </message>
    <message>
        <source>&amp;Start new intake</source>
        <translation>I&amp;niciar admisión nueva</translation>
    </message>
    <message>
        <source>&amp;Resume intake</source>
        <translation>&amp;Continuar admisión</translation>
    </message>
    <message>
        <source>&amp;Quick screen</source>
        <translation>Evaluación &amp;rápida</translation>
    </message>
    <message>
        <source>A new intake that asks only what can still change a program&apos;s outcome</source>
        <translation>Una admisión nueva que pregunta solo lo que todavía puede cambiar el resultado de un programa</translation>
    </message>
    <message>
        <source>Si&amp;gn consent…</source>
        <translation>Fir&amp;mar autorización…</translation>
    </message>
    <message>
        <source>Take a new release of information: which programs may receive the client&apos;s information, until when, and the signature</source>
        <translation>Tomar una nueva autorización para compartir información: qué programas pueden recibir la información de la persona, hasta cuándo, y la firma</translation>
    </message>
    <message>
        <source>Record &amp;follow-up…</source>
        <translation>Registrar &amp;seguimiento…</translation>
    </message>
    <message>
        <source>An urgent flag has no follow-up yet: record what was done, by whom and when</source>
        <translation>Una alerta urgente todavía no tiene seguimiento: registre qué se hizo, quién lo hizo y cuándo</translation>
    </message>
    <message>
        <source>&amp;Eligibility</source>
        <translation>&amp;Elegibilidad</translation>
    </message>
    <message>
        <source>&amp;Packets…</source>
        <translation>&amp;Paquetes…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Intakes</source>
        <translation>Admisiones</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programas</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Firmada por</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Firmada</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Termina</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Autorizaciones</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Impreso</translation>
    </message>
    <message>
        <source>Packets printed</source>
        <translation>Paquetes impresos</translation>
    </message>
    <message>
        <source>Client details</source>
        <translation>Datos del cliente</translation>
    </message>
    <message>
        <source>&amp;Intakes</source>
        <translation>&amp;Admisiones</translation>
    </message>
    <message>
        <source>&amp;Consents</source>
        <translation>Au&amp;torizaciones</translation>
    </message>
    <message>
        <source>Packets prin&amp;ted</source>
        <translation>Paquetes &amp;impresos</translation>
    </message>
    <message>
        <source>Answer &amp;history</source>
        <translation>&amp;Historial de respuestas</translation>
    </message>
    <message>
        <source>Opening the client…</source>
        <translation>Abriendo el cliente…</translation>
    </message>
    <message>
        <source>This client could not be opened.</source>
        <translation>No se pudo abrir este cliente.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no se dio</translation>
    </message>
    <message>
        <source>{date} by {user}</source>
        <translation>{date} por {user}</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>sin fecha en que termine</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revocada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Vigente</translation>
    </message>
    <message>
        <source>The intake form could not be loaded.</source>
        <translation>No se pudo cargar el formulario de admisión.</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Booking #</source>
        <translation>N.º de registro del Sheriff (booking)</translation>
    </message>
    <message>
        <source>CDCR #</source>
        <translation>N.º de CDCR</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>Search by name, date of birth (MM/DD/YYYY), phone, booking or CDCR number</source>
        <extracomment>Pause after the last keystroke before searching.</extracomment>
        <translation>Buscar por nombre, fecha de nacimiento (MM/DD/AAAA), teléfono, N.º de registro del Sheriff (booking) o N.º de CDCR</translation>
    </message>
    <message>
        <source>Search clients</source>
        <translation>Buscar clientes</translation>
    </message>
    <message>
        <source>&amp;New client…</source>
        <translation>&amp;Nuevo cliente…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>Bu&amp;scar:</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>Estado de la búsqueda</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <source>The search failed: {error}</source>
        <translation>La búsqueda falló: {error}</translation>
    </message>
    <message>
        <source>No clients match “{query}”. Check the spelling, or add a new client.</source>
        <translation>Ningún cliente coincide con “{query}”. Revise cómo está escrito o agregue un cliente nuevo.</translation>
    </message>
    <message>
        <source>No clients yet. Add the first one.</source>
        <translation>Todavía no hay clientes. Agregue el primero.</translation>
    </message>
    <message>
        <source>{count} clients</source>
        <translation>{count} clientes</translation>
    </message>
    <message>
        <source>1 client</source>
        <translation>1 cliente</translation>
    </message>
    <message>
        <source>First {count} clients shown; scroll for more.</source>
        <translation>Se muestran los primeros {count} clientes; desplácese para ver más.</translation>
    </message>
    <message>
        <source>(Narrow the search to sort: the list is in name order.)</source>
        <translation>(Precise la búsqueda para ordenar: la lista está en orden de nombre.)</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Here (current)</source>
        <translation>Aquí (actual)</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>Conservar este</translation>
    </message>
    <message>
        <source>Keep the incoming one</source>
        <translation>Conservar el recibido</translation>
    </message>
    <message>
        <source>…or type the right value</source>
        <translation>…o escriba el valor correcto</translation>
    </message>
    <message>
        <source>Keep typed value</source>
        <translation>Conservar el valor escrito</translation>
    </message>
    <message>
        <source>Records changed on two devices since they last synced</source>
        <translation>Registros cambiados en dos dispositivos desde la última sincronización</translation>
    </message>
    <message>
        <source>{n} conflict(s) to review</source>
        <translation>{n} conflicto(s) por revisar</translation>
    </message>
    <message>
        <source>Client identity ({fields}) — {client}</source>
        <translation>Identidad del cliente ({fields}) — {client}</translation>
    </message>
    <message>
        <source>Consent ({fields}) — {client}</source>
        <translation>Autorización ({fields}) — {client}</translation>
    </message>
    <message>
        <source>{fields} — {client}, intake {intake}</source>
        <translation>{fields} — {client}, admisión {intake}</translation>
    </message>
    <message>
        <source>Intake status — intake {intake}</source>
        <translation>Estado de la admisión — admisión {intake}</translation>
    </message>
    <message>
        <source>Type the value to keep first.</source>
        <translation>Primero escriba el valor que se va a conservar.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <source>Client A</source>
        <translation>Cliente A</translation>
    </message>
    <message>
        <source>Client B</source>
        <translation>Cliente B</translation>
    </message>
    <message>
        <source>Merge into A</source>
        <translation>Unir en A</translation>
    </message>
    <message>
        <source>Merge into B</source>
        <translation>Unir en B</translation>
    </message>
    <message>
        <source>Different people</source>
        <translation>Son personas diferentes</translation>
    </message>
    <message>
        <source>{n} possible duplicate(s)</source>
        <translation>{n} posible(s) duplicado(s)</translation>
    </message>
</context>
<context>
    <name>EligibilityView</name>
    <message>
        <source>← &amp;Back to the client</source>
        <translation>← Volver al &amp;cliente</translation>
    </message>
    <message>
        <source>Reasons &amp;in:</source>
        <translation>Motivos &amp;en:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (inglés)</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Language of the reasons</source>
        <translation>Idioma de los motivos</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>&amp;Volver a calcular</translation>
    </message>
    <message>
        <source>Recompute eligibility from the latest intake</source>
        <translation>Volver a calcular la elegibilidad con la última admisión</translation>
    </message>
    <message>
        <source>&amp;Handout…</source>
        <translation>&amp;Hoja para el cliente…</translation>
    </message>
    <message>
        <source>Print the client&apos;s next-steps handout</source>
        <translation>Imprimir la hoja de próximos pasos para el cliente</translation>
    </message>
    <message>
        <source>Working out eligibility…</source>
        <translation>Calculando la elegibilidad…</translation>
    </message>
    <message>
        <source>Eligibility could not be worked out.</source>
        <translation>No se pudo calcular la elegibilidad.</translation>
    </message>
    <message>
        <source>Content pack v{version} changed: {changes}</source>
        <translation>El paquete de contenido v{version} cambió: {changes}</translation>
    </message>
    <message>
        <source>Eligibility: {name}</source>
        <translation>Elegibilidad: {name}</translation>
    </message>
    <message>
        <source>No intake has been taken yet: there is nothing to screen.</source>
        <translation>Todavía no se ha hecho ninguna admisión: no hay nada que evaluar.</translation>
    </message>
    <message>
        <source>(screened {day}; rules {rules})</source>
        <translation>(evaluado el {day}; reglas {rules})</translation>
    </message>
    <message>
        <source>Declined by the client ({n})</source>
        <translation>El cliente no quiere esta ayuda ({n})</translation>
    </message>
    <message>
        <source>Needs information ({n})</source>
        <translation>Falta información ({n})</translation>
    </message>
    <message>
        <source>Not eligible ({n})</source>
        <translation>No elegible ({n})</translation>
    </message>
    <message>
        <source>Eligible ({n})</source>
        <translation>Elegible ({n})</translation>
    </message>
    <message>
        <source>No program yet.</source>
        <translation>Todavía ningún programa.</translation>
    </message>
    <message>
        <source>qualifies because {why}</source>
        <translation>es elegible porque: {why}</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>Referir…</translation>
    </message>
    <message>
        <source>Refer to {program}</source>
        <translation>Referir a {program}</translation>
    </message>
    <message>
        <source>Ask next</source>
        <translation>Preguntar ahora</translation>
    </message>
    <message>
        <source>{question} (programs it may decide: {n})</source>
        <translation>{question} (programas que puede decidir: {n})</translation>
    </message>
    <message>
        <source>Go to the question: {question}</source>
        <translation>Ir a la pregunta: {question}</translation>
    </message>
    <message>
        <source>Every program, with its reasons</source>
        <translation>Todos los programas, con sus motivos</translation>
    </message>
    <message>
        <source>This question is on a form not started yet for this client.</source>
        <translation>Esta pregunta está en un formulario que aún no se ha empezado para esta persona.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export bundle</source>
        <translation>Exportar archivo de sincronización</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Archivo de sincronización</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Guardar en</translation>
    </message>
    <message>
        <source>Everything, not only changes since the last export</source>
        <translation>Todo, no solo los cambios desde la última exportación</translation>
    </message>
    <message>
        <source>Client ids, one per line</source>
        <translation>Identificadores de clientes, uno por línea</translation>
    </message>
    <message>
        <source>Include forms and rules</source>
        <translation>Incluir formularios y reglas</translation>
    </message>
    <message>
        <source>For device</source>
        <translation>Para el dispositivo</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Save bundle</source>
        <translation>Guardar archivo de sincronización</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>Elija dónde guardar el archivo de sincronización.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>Escribiendo el archivo de sincronización…</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>Wrote {file} for {who}: {counts}.</source>
        <translation>Se escribió {file} para {who}: {counts}.</translation>
    </message>
    <message>
        <source>Nothing was exported.</source>
        <translation>No se exportó nada.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to Screener</source>
        <translation>Le damos la bienvenida a Screener</translation>
    </message>
    <message>
        <source>No Screener database was found on this computer. Create one now: it is encrypted, and only staff accounts with a password can open it. You will be its first administrator and can add other staff afterwards.</source>
        <translation>No se encontró una base de datos de Screener en esta computadora. Créela ahora: está cifrada y solo la pueden abrir las cuentas del personal con contraseña. Usted será su primer administrador y después podrá agregar a otras personas del personal.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Elegir la carpeta de datos</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>Carpeta de &amp;datos:</translation>
    </message>
    <message>
        <source>Administrator &amp;user name:</source>
        <translation>&amp;Usuario administrador:</translation>
    </message>
    <message>
        <source>&amp;Create database</source>
        <translation>Crear &amp;base de datos</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Creating the encrypted database…</source>
        <translation>Creando la base de datos cifrada…</translation>
    </message>
    <message>
        <source>The database could not be created ({name}).</source>
        <translation>No se pudo crear la base de datos ({name}).</translation>
    </message>
</context>
<context>
    <name>FlagBanner</name>
    <message>
        <source>⚠ URGENT:</source>
        <translation>⚠ URGENTE:</translation>
    </message>
    <message>
        <source>What to do now:</source>
        <translation>Qué hacer ahora:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
</context>
<context>
    <name>FollowupDialog</name>
    <message>
        <source>Record follow-up</source>
        <translation>Registrar seguimiento</translation>
    </message>
    <message>
        <source>&amp;Flag:</source>
        <translation>&amp;Alerta:</translation>
    </message>
    <message>
        <source>&amp;What was done:</source>
        <translation>&amp;Qué se hizo:</translation>
    </message>
    <message>
        <source>Your name and the time are recorded with it, in the audit log too. Record each step you take.</source>
        <translation>Se guardan su nombre y la hora, también en el registro de auditoría. Registre cada paso que tome.</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Registrar</translation>
    </message>
</context>
<context>
    <name>HandoutDialog</name>
    <message>
        <source>Client handout</source>
        <translation>Hoja para el cliente</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (inglés)</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Handout language</source>
        <translation>Idioma de la hoja</translation>
    </message>
    <message>
        <source>Show health program names (the client asked)</source>
        <translation>Mostrar los nombres de los programas de salud (el cliente lo pidió)</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Imp&amp;rimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Making the handout…</source>
        <translation>Preparando la hoja…</translation>
    </message>
    <message>
        <source>Preview: {n} pages.</source>
        <translation>Vista previa: {n} páginas.</translation>
    </message>
    <message>
        <source>The handout could not be made.</source>
        <translation>No se pudo preparar la hoja.</translation>
    </message>
    <message>
        <source>Sent {n} pages to the printer.</source>
        <translation>Se enviaron {n} páginas a la impresora.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Save the client handout</source>
        <translation>Guardar la hoja para el cliente</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Se guardó como {name}.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import bundles</source>
        <extracomment>One result per file: the summary, or the message of why it was refused.</extracomment>
        <translation>Importar archivos de sincronización</translation>
    </message>
    <message>
        <source>Bundles to import</source>
        <translation>Archivos de sincronización por importar</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Agregar archivos…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Add the bundles to import first.</source>
        <translation>Primero agregue los archivos de sincronización que va a importar.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Checking and merging bundles…</source>
        <translation>Revisando y uniendo los archivos de sincronización…</translation>
    </message>
    <message>
        <source>Refused: {why}</source>
        <translation>Rechazado: {why}</translation>
    </message>
    <message>
        <source>Already imported; nothing changed</source>
        <translation>Ya se había importado; no cambió nada</translation>
    </message>
    <message>
        <source>Earlier changes not received yet: {ranges}</source>
        <translation>Todavía no se reciben cambios anteriores: {ranges}</translation>
    </message>
    <message>
        <source>Content pack v{version} is in force: {changed} outcome(s) changed</source>
        <translation>El paquete de contenido v{version} está en vigor: cambiaron {changed} resultado(s)</translation>
    </message>
    <message>
        <source>Content pack not installed: {why}</source>
        <translation>No se instaló el paquete de contenido: {why}</translation>
    </message>
    <message>
        <source>{n} file(s): {c} conflict(s) and {d} possible duplicate(s) to review; {r} refused.</source>
        <translation>{n} archivo(s): {c} conflicto(s) y {d} posible(s) duplicado(s) por revisar; {r} rechazado(s).</translation>
    </message>
    <message>
        <source>Nothing more was imported.</source>
        <translation>No se importó nada más.</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <source>Opening the questions…</source>
        <translation>Abriendo las preguntas…</translation>
    </message>
    <message>
        <source>Every answer is saved as soon as it is entered.</source>
        <translation>Cada respuesta se guarda en cuanto se escribe.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Si&amp;guiente</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Previous section</source>
        <translation>Sección anterior</translation>
    </message>
    <message>
        <source>Next section</source>
        <translation>Sección siguiente</translation>
    </message>
    <message>
        <source>Finish the intake</source>
        <translation>Terminar la admisión</translation>
    </message>
    <message>
        <source>The questions could not be opened.</source>
        <translation>No se pudieron abrir las preguntas.</translation>
    </message>
    <message>
        <source>Not finished yet</source>
        <translation>Todavía no está terminada</translation>
    </message>
    <message>
        <source>Some answers are still missing or need a check in: {sections}.

Everything entered is saved: you can come back to this intake later.</source>
        <translation>Todavía faltan respuestas o hay que revisar algunas en: {sections}.

Todo lo escrito está guardado: puede volver a esta admisión más tarde.</translation>
    </message>
    <message>
        <source>&amp;Go to the first one</source>
        <translation>&amp;Ir a la primera</translation>
    </message>
    <message>
        <source>&amp;Stay here</source>
        <translation>&amp;Quedarme aquí</translation>
    </message>
    <message>
        <source>Not saved: this answer needs a check.</source>
        <translation>No se guardó: hay que revisar esta respuesta.</translation>
    </message>
    <message>
        <source>Saved at {time}</source>
        <translation>Guardado a las {time}</translation>
    </message>
    <message>
        <source>This intake is complete. A changed answer asks why; the earlier answer is kept in its history.</source>
        <translation>Esta admisión está terminada. Al cambiar una respuesta se pide el motivo; la respuesta anterior queda en el historial.</translation>
    </message>
    <message>
        <source>These answers were taken with version {old} of the form; the questions shown are version {new}.</source>
        <translation>Estas respuestas se tomaron con la versión {old} del formulario; las preguntas que se muestran son de la versión {new}.</translation>
    </message>
    <message>
        <source>Finishing the intake…</source>
        <translation>Terminando la admisión…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Screener</source>
        <translation>Screener</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;About Screener</source>
        <translation>&amp;Acerca de Screener</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Exportar archivo de sincronización…</translation>
    </message>
    <message>
        <source>&amp;Import bundles…</source>
        <translation>&amp;Importar archivos de sincronización…</translation>
    </message>
    <message>
        <source>Signed in as {user} ({role})</source>
        <translation>Sesión de {user} ({role})</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Usuario con sesión iniciada</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Lock (Ctrl+L)</source>
        <translation>Bloquear (Ctrl+L)</translation>
    </message>
    <message>
        <source>Lock the screen now; sign in again to continue.</source>
        <translation>Bloquear la pantalla ahora; para continuar hay que volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <source>Check this computer&apos;s clock: it says {now} (Los Angeles time), more than a day after this database was last used ({last}). Until you confirm the date, changes are stamped for sync no later than a day after that.</source>
        <translation>Revise el reloj de esta computadora: marca {now} (hora de Los Ángeles), más de un día después de la última vez que se usó esta base de datos ({last}). Hasta que confirme la fecha, los cambios se marcan para la sincronización con una hora no posterior a un día después de esa.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s clock: it says {now} (Los Angeles time), but this database was last used at {last}.</source>
        <translation>Revise el reloj de esta computadora: marca {now} (hora de Los Ángeles), pero esta base de datos se usó por última vez a las {last}.</translation>
    </message>
    <message>
        <source>The date is right</source>
        <translation>La fecha es correcta</translation>
    </message>
    <message>
        <source>Confirm that this computer&apos;s date and time are right: changes are stamped with them again. If they are wrong, set them instead and sign in again.</source>
        <translation>Confirme que la fecha y la hora de esta computadora son correctas: los cambios vuelven a marcarse con ellas. Si no lo son, corríjalas e inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>content pack v{version} from {office}, published {day} (rules hash {hash})</source>
        <translation>paquete de contenido v{version} de {office}, publicado el {day} (hash de reglas {hash})</translation>
    </message>
    <message>
        <source>built into the app</source>
        <translation>incluidos en Screener</translation>
    </message>
    <message>
        <source>About Screener</source>
        <translation>Acerca de Screener</translation>
    </message>
    <message>
        <source>{version}

Reentry intake, eligibility screening and referral packets for Los Angeles County. Every record is stored encrypted.

Data: {location}

Forms and rules: {rules}</source>
        <translation>{version}

Admisión de reingreso, evaluación de elegibilidad y paquetes de referencia para el Condado de Los Ángeles. Todos los expedientes se guardan cifrados.

Datos: {location}

Formularios y reglas: {rules}</translation>
    </message>
    <message>
        <source>intake</source>
        <translation>admisión</translation>
    </message>
    <message>
        <source>office</source>
        <translation>oficina</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>The intake questionnaire</source>
        <translation>El cuestionario de admisión</translation>
    </message>
    <message>
        <source>The eligibility view</source>
        <translation>La vista de elegibilidad</translation>
    </message>
    <message>
        <source>Referral packets</source>
        <translation>Los paquetes de referencia</translation>
    </message>
    <message>
        <source>Not available yet</source>
        <translation>Todavía no disponible</translation>
    </message>
    <message>
        <source>{what} is not available in this version yet.</source>
        <translation>{what} todavía no está disponible en esta versión.</translation>
    </message>
</context>
<context>
    <name>NewClientDialog</name>
    <message>
        <source>New client</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>MM/DD/YYYY</source>
        <translation>MM/DD/AAAA</translation>
    </message>
    <message>
        <source>Not asked yet</source>
        <translation>Todavía no se preguntó</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>&amp;First name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Last name:</source>
        <translation>&amp;Apellido:</translation>
    </message>
    <message>
        <source>Pr&amp;eferred name:</source>
        <translation>Nombre &amp;preferido:</translation>
    </message>
    <message>
        <source>&amp;Date of birth:</source>
        <translation>&amp;Fecha de nacimiento:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Booking number:</source>
        <translation>N.º de registro del Sheriff (&amp;booking):</translation>
    </message>
    <message>
        <source>&amp;CDCR number:</source>
        <translation>N.º de &amp;CDCR:</translation>
    </message>
    <message>
        <source>Preferred lan&amp;guage:</source>
        <translation>&amp;Idioma preferido:</translation>
    </message>
    <message>
        <source>This person may already have a record</source>
        <translation>Es posible que esta persona ya tenga un expediente</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Posibles duplicados</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Why it may be the same person</source>
        <translation>Por qué podría ser la misma persona</translation>
    </message>
    <message>
        <source>Open the existing record if it is the same person. Create a new record only if you have checked that it is someone else.</source>
        <translation>Abra el expediente existente si es la misma persona. Cree un expediente nuevo solo si comprobó que es otra persona.</translation>
    </message>
    <message>
        <source>&amp;Open existing record</source>
        <translation>Abrir &amp;expediente existente</translation>
    </message>
    <message>
        <source>&amp;Create client</source>
        <translation>Crear c&amp;liente</translation>
    </message>
    <message>
        <source>Write the date of birth as MM/DD/YYYY, for example 04/25/1987.</source>
        <translation>Escriba la fecha de nacimiento como MM/DD/AAAA, por ejemplo 04/25/1987.</translation>
    </message>
    <message>
        <source>This person may already have a record ({count})</source>
        <translation>Es posible que esta persona ya tenga un expediente ({count})</translation>
    </message>
    <message>
        <source>Create a new record &amp;anyway</source>
        <translation>Crear expediente nuevo de todos &amp;modos</translation>
    </message>
    <message>
        <source>same date of birth and a similar name</source>
        <translation>misma fecha de nacimiento y nombre parecido</translation>
    </message>
    <message>
        <source>same phone number</source>
        <translation>mismo número de teléfono</translation>
    </message>
    <message>
        <source>same name and a nearly identical date of birth</source>
        <translation>mismo nombre y fecha de nacimiento casi idéntica</translation>
    </message>
    <message>
        <source>similar name (no date of birth to compare)</source>
        <translation>nombre parecido (sin fecha de nacimiento para comparar)</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>Password strength</source>
        <translation>Seguridad de la contraseña</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>Repe&amp;tir contraseña:</translation>
    </message>
    <message>
        <source>At least {minimum} characters ({count} so far). A few unrelated words make a strong password that is easy to remember.</source>
        <translation>Al menos {minimum} caracteres (lleva {count}). Unas cuantas palabras sin relación entre sí forman una contraseña segura y fácil de recordar.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Las dos contraseñas no son iguales.</translation>
    </message>
    <message>
        <source>Acceptable. Longer is stronger.</source>
        <translation>Aceptable. Más larga es más segura.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Buena.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Segura.</translation>
    </message>
    <message>
        <source>Now type it again below.</source>
        <translation>Ahora escríbala otra vez abajo.</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>Cancel</source>
        <extracomment>Operations still running; tests assert this is empty when they end. How many operations run at once (each thread holds one database connection per session).</extracomment>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
</context>
<context>
    <name>PacketDialog</name>
    <message>
        <source>Referral packet</source>
        <translation>Paquete de referencia</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programas</translation>
    </message>
    <message>
        <source>Packet &amp;language:</source>
        <translation>&amp;Idioma del paquete:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (inglés)</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>The receiving provider&apos;s language (English unless programs.yaml says otherwise)</source>
        <translation>El idioma del proveedor que recibe (inglés, salvo que programs.yaml indique otro)</translation>
    </message>
    <message>
        <source>Packet language</source>
        <translation>Idioma del paquete</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>Imp&amp;rimir…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Guardar como PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Working out the programs…</source>
        <translation>Calculando los programas…</translation>
    </message>
    <message>
        <source>Needs a consent first: {what}.</source>
        <translation>Primero necesita una autorización: {what}.</translation>
    </message>
    <message>
        <source>sign a release of information that includes this program&apos;s health information</source>
        <translation>firmar una autorización para compartir información que incluya la información de salud de este programa</translation>
    </message>
    <message>
        <source>Not taking referrals now.</source>
        <translation>No recibe referencias por ahora.</translation>
    </message>
    <message>
        <source>Choose at least one program.</source>
        <translation>Elija por lo menos un programa.</translation>
    </message>
    <message>
        <source>Press Preview to see the packet.</source>
        <translation>Haga clic en Vista previa para ver el paquete.</translation>
    </message>
    <message>
        <source>Making the packet…</source>
        <translation>Preparando el paquete…</translation>
    </message>
    <message>
        <source>Preview: {n} pages.</source>
        <translation>Vista previa: {n} páginas.</translation>
    </message>
    <message>
        <source>The packet could not be made.</source>
        <translation>No se pudo preparar el paquete.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Sent {n} pages to the printer.</source>
        <translation>Se enviaron {n} páginas a la impresora.</translation>
    </message>
    <message>
        <source>Save the referral packet</source>
        <translation>Guardar el paquete de referencia</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved as {name}.</source>
        <translation>Guardado como {name}.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Packet preview</source>
        <extracomment>Pages are rendered at the printer&apos;s resolution up to this (a PDF printer says 1200 dpi, which would make each page image half a gigabyte; 300 dpi is print quality).</extracomment>
        <translation>Vista previa del paquete</translation>
    </message>
</context>
<context>
    <name>ProgramCard</name>
    <message>
        <source>✔ Eligible</source>
        <translation>✔ Elegible</translation>
    </message>
    <message>
        <source>✖ Not eligible</source>
        <translation>✖ No elegible</translation>
    </message>
    <message>
        <source>? Needs information</source>
        <translation>? Falta información</translation>
    </message>
    <message>
        <source>Planning: not taking referrals yet</source>
        <extracomment>Called with the missing field&apos;s form id and field id when its button is pressed.</extracomment>
        <translation>En planeación: todavía no recibe referencias</translation>
    </message>
    <message>
        <source>Subject to funding: a candidate list, not a referral</source>
        <translation>Sujeto a fondos: una lista de candidatos, no una referencia</translation>
    </message>
    <message>
        <source>Closed: not taking referrals</source>
        <translation>Cerrado: no recibe referencias</translation>
    </message>
    <message>
        <source>✔ met</source>
        <translation>✔ se cumple</translation>
    </message>
    <message>
        <source>✖ not met</source>
        <translation>✖ no se cumple</translation>
    </message>
    <message>
        <source>? unknown</source>
        <translation>? se desconoce</translation>
    </message>
    <message>
        <source>All of these:</source>
        <translation>Todo lo siguiente:</translation>
    </message>
    <message>
        <source>At least one of these:</source>
        <translation>Por lo menos uno de estos:</translation>
    </message>
    <message>
        <source>None of this:</source>
        <translation>Nada de esto:</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Reasons: {program}</source>
        <translation>Motivos: {program}</translation>
    </message>
    <message>
        <source>The client does not want this help now: not a referral to make</source>
        <translation>La persona no quiere esta ayuda ahora: no hacer la referencia</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Prioridad:</translation>
    </message>
    <message>
        <source>Reasons:</source>
        <translation>Motivos:</translation>
    </message>
    <message>
        <source>To decide, ask:</source>
        <translation>Para decidir, pregunte:</translation>
    </message>
    <message>
        <source>Ask: {question}</source>
        <translation>Preguntar: {question}</translation>
    </message>
    <message>
        <source>Go to the question: {question}</source>
        <translation>Ir a la pregunta: {question}</translation>
    </message>
</context>
<context>
    <name>QuickPanel</name>
    <message>
        <source>&amp;Quick screen</source>
        <translation>Evaluación &amp;rápida</translation>
    </message>
    <message>
        <source>Ask only the questions that can still change a program&apos;s outcome, the most useful first. Turn it off to continue with the full intake: every answer stays.</source>
        <translation>Pregunta solo lo que todavía puede cambiar el resultado de un programa, primero lo más útil. Apáguela para seguir con la admisión completa: todas las respuestas se conservan.</translation>
    </message>
    <message>
        <source>S&amp;kip this question</source>
        <translation>&amp;Omitir esta pregunta</translation>
    </message>
    <message>
        <source>Every program is decided. Finish, or turn the quick screen off to continue with the full intake.</source>
        <extracomment>questions the person chose not to answer during this quick screen</extracomment>
        <translation>Todos los programas están decididos. Termine, o apague la evaluación rápida para seguir con la admisión completa.</translation>
    </message>
    <message>
        <source>Nothing left to ask that could decide the rest (questions skipped). Finish, or continue with the full intake.</source>
        <translation>No queda nada que preguntar que pueda decidir el resto (preguntas omitidas). Termine, o siga con la admisión completa.</translation>
    </message>
    <message>
        <source>Asking: {question} (programs it may decide: {n})</source>
        <translation>Preguntando: {question} (programas que puede decidir: {n})</translation>
    </message>
    <message>
        <source>{n} undecided</source>
        <translation>{n} sin decidir</translation>
    </message>
    <message>
        <source>{n} eligible</source>
        <translation>{n} elegible(s)</translation>
    </message>
    <message>
        <source>not eligible</source>
        <translation>no elegible</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why is this answer changed?</source>
        <translation>¿Por qué se cambia esta respuesta?</translation>
    </message>
    <message>
        <source>This intake is already complete. The earlier answer is kept in the history; say briefly why it is changed.</source>
        <translation>Esta admisión ya está terminada. La respuesta anterior queda en el historial; diga brevemente por qué se cambia.</translation>
    </message>
    <message>
        <source>Question: {label}</source>
        <translation>Pregunta: {label}</translation>
    </message>
    <message>
        <source>&amp;Reason for the change:</source>
        <translation>&amp;Motivo del cambio:</translation>
    </message>
    <message>
        <source>Reason for the change</source>
        <translation>Motivo del cambio</translation>
    </message>
    <message>
        <source>Save the change</source>
        <translation>Guardar el cambio</translation>
    </message>
    <message>
        <source>Keep the earlier answer</source>
        <translation>Dejar la respuesta anterior</translation>
    </message>
</context>
<context>
    <name>RepeatGroupEditor</name>
    <message>
        <source>Add an entry</source>
        <extracomment>Builds the row of one child question: (question, lang, on_commit, on_focus) -&gt; row.</extracomment>
        <translation>Agregar una entrada</translation>
    </message>
    <message>
        <source>Add an entry to: {list}</source>
        <translation>Agregar una entrada a: {list}</translation>
    </message>
    <message>
        <source>Entry {n}</source>
        <translation>Entrada {n}</translation>
    </message>
    <message>
        <source>Remove entry {n}</source>
        <translation>Quitar la entrada {n}</translation>
    </message>
    <message>
        <source>Remove entry {n} of: {list}</source>
        <translation>Quitar la entrada {n} de: {list}</translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <source>⚠ Answers to check: {n}</source>
        <translation>⚠ Respuestas por revisar: {n}</translation>
    </message>
    <message>
        <source>○ Required answers missing: {n}</source>
        <translation>○ Faltan respuestas obligatorias: {n}</translation>
    </message>
    <message>
        <source>· Not visited yet</source>
        <translation>· Todavía sin abrir</translation>
    </message>
    <message>
        <source>✓ Nothing missing</source>
        <translation>✓ No falta nada</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Data location</source>
        <translation>Ubicación de los datos</translation>
    </message>
    <message>
        <source>Keys file: {path}</source>
        <translation>Archivo de llaves: {path}</translation>
    </message>
    <message>
        <source>Back up the database and its keys file together: without the keys file nobody can open the database.</source>
        <translation>Haga copias de seguridad de la base de datos y de su archivo de llaves juntos: sin el archivo de llaves nadie puede abrir la base de datos.</translation>
    </message>
    <message>
        <source>Lock after &amp;idle time:</source>
        <translation>Bloquear tras &amp;inactividad de:</translation>
    </message>
    <message>
        <source>Data location:</source>
        <translation>Ubicación de los datos:</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>StaffAccountDialog</name>
    <message>
        <source>Add staff account</source>
        <translation>Agregar cuenta del personal</translation>
    </message>
    <message>
        <source>Reset password of {user}</source>
        <translation>Restablecer la contraseña de {user}</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <source>Tell the person their password in person; they can change it after signing in.</source>
        <translation>Dígale la contraseña a la persona en persona; podrá cambiarla después de iniciar sesión.</translation>
    </message>
    <message>
        <source>The person signs in with the new password from now on.</source>
        <translation>A partir de ahora, la persona inicia sesión con la contraseña nueva.</translation>
    </message>
    <message>
        <source>&amp;Add account</source>
        <translation>&amp;Agregar cuenta</translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation>&amp;Guardar contraseña</translation>
    </message>
    <message>
        <source>Saving the account…</source>
        <translation>Guardando la cuenta…</translation>
    </message>
</context>
<context>
    <name>StaffProfileDialog</name>
    <message>
        <source>Profile of {user}</source>
        <translation>Perfil de {user}</translation>
    </message>
    <message>
        <source>&amp;Name on packets:</source>
        <translation>&amp;Nombre en los paquetes:</translation>
    </message>
    <message>
        <source>&amp;Agency:</source>
        <translation>&amp;Agencia:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;E-mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>Referral packets print these so the receiving case manager can call the referring worker back.</source>
        <translation>Los paquetes de referencia imprimen estos datos para que el administrador de casos que recibe pueda llamar a quien hizo la referencia.</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>Staff accounts</source>
        <translation>Cuentas del personal</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Creada por</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Agregar cuenta…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Restablecer contra&amp;seña…</translation>
    </message>
    <message>
        <source>Re&amp;move account</source>
        <translation>&amp;Eliminar cuenta</translation>
    </message>
    <message>
        <source>&amp;Profile…</source>
        <translation>&amp;Perfil…</translation>
    </message>
    <message>
        <source>Name, agency, phone and e-mail printed on this person&apos;s referral packets</source>
        <translation>Nombre, agencia, teléfono y correo electrónico que se imprimen en los paquetes de referencia de esta persona</translation>
    </message>
    <message>
        <source>Each person has their own account. Removing an account takes away its key at once; its past work stays in the records and the audit log. Roles cannot be changed: remove the account and add it again with the new role.</source>
        <translation>Cada persona tiene su propia cuenta. Al eliminar una cuenta se le quita la llave de inmediato; su trabajo anterior queda en los expedientes y en el registro de auditoría. Los roles no se pueden cambiar: elimine la cuenta y agréguela otra vez con el rol nuevo.</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Eliminar cuenta</translation>
    </message>
    <message>
        <source>Remove the account {user}? They can no longer sign in.</source>
        <translation>¿Eliminar la cuenta {user}? Ya no podrá iniciar sesión.</translation>
    </message>
    <message>
        <source>Re-encrypt the database</source>
        <translation>Volver a cifrar la base de datos</translation>
    </message>
    <message>
        <source>{user} can no longer sign in. If they may have kept a copy of the keys file, re-encrypt the database under a new key now: it takes a few minutes for a large database, and Screener must not be open on this database anywhere else.</source>
        <translation>{user} ya no puede iniciar sesión. Si pudo haberse quedado con una copia del archivo de claves, vuelva a cifrar ahora la base de datos con una clave nueva: tarda unos minutos si la base de datos es grande, y Screener no debe estar abierto con esta base de datos en ningún otro lugar.</translation>
    </message>
    <message>
        <source>Re-encrypting the database…</source>
        <translation>Volviendo a cifrar la base de datos…</translation>
    </message>
    <message>
        <source>The database is now encrypted under a new key.</source>
        <translation>La base de datos ahora está cifrada con una clave nueva.</translation>
    </message>
</context>
<context>
    <name>StatusBoard</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>URGENT:</source>
        <translation>URGENTE:</translation>
    </message>
    <message>
        <source>no follow-up recorded yet</source>
        <translation>todavía no se registró ningún seguimiento</translation>
    </message>
    <message>
        <source>{action} ({user}, {day})</source>
        <translation>{action} ({user}, {day})</translation>
    </message>
    <message>
        <source>Consent in force for {programs} until {day}</source>
        <translation>Autorización vigente para {programs} hasta el {day}</translation>
    </message>
    <message>
        <source>Consent in force for {programs} (no expiry)</source>
        <translation>Autorización vigente para {programs} (sin vencimiento)</translation>
    </message>
    <message>
        <source>No consent in force</source>
        <translation>Ninguna autorización vigente</translation>
    </message>
    <message>
        <source>Last eligibility ({day}): {eligible} eligible · {not_eligible} not eligible · {waiting} need information</source>
        <translation>Última elegibilidad ({day}): {eligible} elegibles · {not_eligible} no elegibles · a {waiting} les falta información</translation>
    </message>
    <message>
        <source>No eligibility yet: no intake is complete.</source>
        <translation>Todavía no hay elegibilidad: ninguna admisión está terminada.</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>Screener — Sign in</source>
        <translation>Screener — Iniciar sesión</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Screener</translation>
    </message>
    <message>
        <source>Reentry intake and referrals. Sign in to unlock the data.</source>
        <translation>Admisión y referencias de reingreso. Inicie sesión para desbloquear los datos.</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Sign-in problem</source>
        <translation>Problema al iniciar sesión</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>Desbloqueando</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <source>Database: {path}</source>
        <translation>Base de datos: {path}</translation>
    </message>
    <message>
        <source>Database location</source>
        <translation>Ubicación de la base de datos</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo database&lt;/b&gt; with made-up clients; it is deleted when you quit.&lt;br&gt;User name: &lt;b&gt;{user}&lt;/b&gt; &amp;nbsp; Password: &lt;b&gt;{password}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Base de datos de demostración&lt;/b&gt; con clientes inventados; se borra al salir.&lt;br&gt;Usuario: &lt;b&gt;{user}&lt;/b&gt; &amp;nbsp; Contraseña: &lt;b&gt;{password}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Demo sign-in</source>
        <translation>Inicio de sesión de demostración</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Escriba su usuario y contraseña.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Desbloqueando…</translation>
    </message>
    <message>
        <source>Unknown user name or wrong password. Please try again.</source>
        <translation>Usuario desconocido o contraseña incorrecta. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Could not unlock ({name}).</source>
        <translation>No se pudo desbloquear ({name}).</translation>
    </message>
</context>
<context>
    <name>WizardSidePanel</name>
    <message>
        <source>&amp;Language of the questions:</source>
        <translation>&amp;Idioma de las preguntas:</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English (inglés)</translation>
    </message>
    <message>
        <source>Español (Spanish)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Language of the questions</source>
        <translation>Idioma de las preguntas</translation>
    </message>
    <message>
        <source>Questions answered</source>
        <translation>Preguntas contestadas</translation>
    </message>
    <message>
        <source>&amp;Sections</source>
        <translation>&amp;Secciones</translation>
    </message>
    <message>
        <source>Sections of the form</source>
        <translation>Secciones del formulario</translation>
    </message>
    <message>
        <source>{n} of {total} questions shown answered</source>
        <translation>{n} de {total} preguntas mostradas contestadas</translation>
    </message>
</context>
<context>
    <name>_ClientCard</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Booking / CDCR</source>
        <translation>N.º de registro del Sheriff (booking) / CDCR</translation>
    </message>
    <message>
        <source>Intakes</source>
        <translation>Admisiones</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Expediente</translation>
    </message>
</context>
<context>
    <name>_Side</name>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>Anotado por</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no hay en el expediente</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Something went wrong inside Screener. Nothing you saved was lost; if it happens again, tell your administrator what you were doing.</source>
        <translation>Algo falló dentro de Screener. No se perdió nada de lo que guardó; si vuelve a ocurrir, cuéntele a su administrador qué estaba haciendo.</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Screener</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <source>Something went wrong ({name}). Nothing you saved was lost.</source>
        <translation>Algo salió mal ({name}). No se perdió nada de lo que guardó.</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Screener</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>Something went wrong ({name}). Nothing you saved was lost.</source>
        <translation>Algo salió mal ({name}). No se perdió nada de lo que guardó.</translation>
    </message>
    <message>
        <source>Screener</source>
        <translation>Screener</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
</TS>
