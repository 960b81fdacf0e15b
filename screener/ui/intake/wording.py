"""Words shown inside the questions, in the language the questions are asked in.

The wizard's own buttons and messages go through Qt's translation (`tr()`), in the staff
member's language. What sits next to a question (Yes/No, the date format, "required") is
read out to the client with the question, so it follows the form's language like the YAML
`{en, es}` text does.
"""

from __future__ import annotations

from screener.text import Text

YES = Text("Yes", "Sí")
NO = Text("No", "No")
REQUIRED = Text("(required)", "(obligatoria)")
DATE_HINT = Text("Write the date as MM/DD/YYYY, for example 01/31/1990.",
                 "Escriba la fecha como MM/DD/AAAA, por ejemplo 01/31/1990.")
DATE_PLACEHOLDER = Text("MM/DD/YYYY", "MM/DD/AAAA")
SSN_HINT = Text("Only the last 4 digits are shown once it is entered.",
                "Una vez escrito, solo se muestran los últimos 4 dígitos.")
CLEAR_SIGNATURE = Text("Clear signature", "Borrar la firma")
NOT_KNOWN_YET = Text("Not known yet", "Todavía no se sabe")
ADDRESS_PARTS = {
    "street": Text("Street", "Calle"),
    "unit": Text("Apt. / unit", "Apto. / unidad"),
    "city": Text("City", "Ciudad"),
    "state": Text("State", "Estado"),
    "zip": Text("ZIP code", "Código postal"),
}
SIGN_TYPED = Text("Or type the full name to sign with the keyboard",
                  "O escriba el nombre completo para firmar con el teclado")
SIGN_HERE = Text("Sign here with the mouse, a pen or a finger",
                 "Firme aquí con el ratón, un lápiz o el dedo")
