"""The app's Spanish follows the project glossary (domain/GLOSSARY.md) and its English
is American.

Every Spanish text of the files in SCANNED is checked for words the glossary says to avoid
("libertad bajo palabra", "retenida", "fecha de corte", "Pulse", ...), for "libertad
condicional" used for probation, and for a justice term (parole, probation, booking, PRCS)
whose first mention on a screen or page lacks the English word in parentheses. Every English
text is checked for British spelling. Texts are the `es:` values of YAML files (every other
YAML string counts as English; a form section is one screen), the translations and sources
of Qt .ts files (a context is one screen), and `Text(en, es)`, `{"en": ..., "es": ...}` and
`ES = {en: es}` literals of Python files.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

# The files whose texts are checked (globs under the repository root). The rules
# (`rules/*.yaml`), the packets (`screener/packets/*.py`) and the Python of `screener/forms/`
# and `screener/services/` join this list once their own Spanish fixes are merged.
SCANNED: tuple[str, ...] = (
    "forms/*.yaml",
    "forms/instruments/*.yaml",
    "resources/*.yaml",
    "resources/i18n/*.ts",
    "tools/translations_intake_es.py",
    "screener/ui/**/*.py",
    "rules/*.yaml",
    "screener/forms/**/*.py",
    "screener/services/**/*.py",
)


@dataclass(frozen=True)
class Rule:
    """A glossary entry: `pattern` must not appear unless `unless` matches the same text."""

    pattern: str
    use: str
    unless: str | None = None


# Spanish to avoid (GLOSSARY.md "Spanish to avoid" column, SPANISH-REVIEW.md findings).
AVOID: tuple[Rule, ...] = (
    Rule(r"libertad bajo palabra", "libertad condicional (parole)"),
    Rule(r"\b(oficial|departamento) de libertad condicional",
         "oficial de probatoria (probation officer); agente de libertad condicional (parole)"),
    Rule(r"libertad condicional (por delito|federal|a prueba)",
         "probatoria por delito grave / menor; libertad supervisada federal"),
    Rule(r"concesi[oó]n de libertad condicional", "probatoria (probation)"),
    Rule(r"\bretenid[ao]s?\b|\bse ha retenido\b", "no se incluye"),
    Rule(r"\bviolad[ao]s?\b", "violación de las condiciones"),
    Rule(r"\bviolaci[oó]n(es)?\b(?! de (las )?condiciones)", "violación de las condiciones"),
    Rule(r"\bliberad[oa]s?\b|\bliberaci[oó]n\b", "salida; salió; está por salir"),
    Rule(r"\bfecha de corte\b", "fecha de su cita en la corte"),
    Rule(r"\baplic(ar|a|an|ación|aciones)\b", "solicitar / solicitud; tener"),
    Rule(r"\benrol", "inscribirse / inscripción"),
    Rule(r"\bpulse\b", "haga clic en"),
    Rule(r"(?<!la )\bbienvenid[oa]s?\b", "le damos la bienvenida"),
    Rule(r"supervisi[oó]n mandatoria", "supervisión obligatoria"),
    Rule(r"libertad provisional", "libertad o supervisión antes del juicio (pretrial)"),
    Rule(r"\bpurgando\b", "cumpliendo una condena"),
    Rule(r"\bsentencias?\b", "condena"),
    Rule(r"\bexcarcelaci[oó]n\b|documentos de liberaci[oó]n",
         "salida; papeles de salida (release papers)"),
    Rule(r"\b(n\.º|n[uú]mero) de &?booking\b|\bregistro \(LASD\)",
         "N.º de registro del Sheriff (booking)"),
    Rule(r"n[uú]mero de (preso|recluso)", "número de CDCR"),
    Rule(r"\b(reos?|reclus[oa]s?|presos?)\b", "persona encarcelada; persona bajo custodia"),
    Rule(r"\bfelon[ií]as?\b", "delito grave (felony)"),
    Rule(r"delito menos grave", "delito menor (misdemeanor)"),
    Rule(r"\bconvicci[oó]n\b", "condena"),
    Rule(r"\bdiversión\b", "programa de desvío (diversion)"),
    Rule(r"expurgaci[oó]n|borrar r[eé]cord|r[eé]cord criminal",
         "limpiar sus antecedentes; antecedentes penales"),
    Rule(r"\btribunal(es)?\b", "corte"),
    Rule(r"medi-cal restringido", "Medi-Cal de alcance limitado"),
    Rule(r"\baseguranza\b", "cobertura de salud (seguro médico)"),
    Rule(r"\bestampillas\b|cupones de comida", "CalFresh (ayuda para comprar comida)"),
    Rule(r"\bprestaciones\b", "beneficios"),
    Rule(r"salud del comportamiento", "salud conductual"),
    Rule(r"\bcondici[oó]n (de salud mental|cr[oó]nica|incapacitante)",
         "problema de salud mental; enfermedad crónica; discapacidad"),
    Rule(r"abuso de sustancias|drogadicci[oó]n", "trastorno por consumo de sustancias"),
    Rule(r"\bpor uso de|\buso de sustancias", "consumo de sustancias"),
    Rule(r"\bcribado\b|\btamizaje\b", "evaluación breve; cuestionario"),
    Rule(r"\bpuntuaci[oó]n\b", "puntaje"),
    Rule(r"\bautolesi[oó]n", "pensamientos de hacerse daño"),
    Rule(r"vivienda interina", "vivienda provisional"),
    Rule(r"\balquiler\b", "renta"),
    Rule(r"sin refugio", "vive en la calle (sin techo)"),
    Rule(r"\b(indigentes?|vagabund[oa]s?|desamparad[oa]s?)\b", "sin hogar"),
    Rule(r"redivulgaci[oó]n", "volver a compartir"),
    Rule(r"\b(expira|expiran|caduca|caducan)\b", "termina; vence"),
    Rule(r"\blogue", "iniciar sesión"),
    Rule(r"\bderiva(r|ción|ciones)\b", "referir; referencia"),
    Rule(r"gesti[oó]n de casos?", "manejo de casos"),
    Rule(r"navegaci[oó]n de servicios", "orientación de servicios"),
    Rule(r"involucramiento judicial", "personas que salen de la cárcel o prisión"),
    Rule(r"reinserci[oó]n", "reingreso"),
    Rule(r"licencia de manejo\b", "licencia de manejar"),
    Rule(r"\bconservador\b", "curador (conservator)"),
    # One name for the consent form; "divulgar" only in the 42 CFR Part 2 notice to recipients.
    Rule(r"autorizaci[oó]n de divulgaci[oó]n|consentimiento para divulgar|\bconsentimientos\b"
         r"|firmar consentimiento", "autorización para compartir información"),
    Rule(r"autorizaci[oó]n para divulgar", "autorización para compartir información",
         unless=r"42 CFR"),
    Rule(r"\bno consta\b", "No se dio / No hay en el expediente"),
)

# A justice term clients know in English: its first mention on a screen or page carries the
# English word in parentheses, e.g. "probatoria (probation)".
FIRST_MENTION: tuple[tuple[str, str], ...] = (
    (r"\blibertad condicional\b", "parole"),
    (r"\bprobatoria\b", "probation"),
    (r"registro del sheriff", "booking"),
    (r"supervisi[oó]n comunitaria", "PRCS"),
)

BRITISH = re.compile(
    r"\b\w*(behaviour|colour|favour|honour|labour|neighbour|centre|programme|licence|"
    r"defence|offence|catalogue|judgement|enrolment|organis|authoris|recognis|apologis|"
    r"prioritis|summaris|finalis|normalis|customis|utilis|categoris|initialis|analys(e|ed|ing)\b|"
    r"travell|labell|modelling|cancell|whilst|amongst)\w*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    """One text in one language, where it is and which screen or page it is shown on."""

    where: str  # "file:line" or "file [context] source"
    scope: str  # texts shown together: a form section, a .ts context, a file
    lang: str
    text: str
    en: str | None = None  # the English twin of a Spanish text, if known


def _yaml_passages(path: Path, rel: str) -> Iterator[Passage]:
    root = yaml.compose(path.read_text(encoding="utf-8"))

    def walk(node: yaml.Node, trail: tuple[object, ...]) -> Iterator[Passage]:
        if isinstance(node, yaml.MappingNode):
            scalars = {k.value: v for k, v in node.value
                       if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
            scope = rel + (f" §{trail[1]}" if len(trail) > 1 and trail[0] == "sections" else "")
            en = scalars.get("en")
            for key, value in scalars.items():
                # Every text that is not Spanish (names, units, notes) is English.
                lang = "es" if key == "es" else "en"
                yield Passage(f"{rel}:{value.start_mark.line + 1}", scope, lang, value.value,
                              en.value if lang == "es" and en is not None else None)
            for key, value in node.value:
                yield from walk(value, (*trail, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                yield from walk(item, (*trail, index))

    if root is not None:
        yield from walk(root, ())


def _ts_passages(path: Path, rel: str) -> Iterator[Passage]:
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            where = f"{rel} [{name}] {source!r}"
            yield Passage(where, f"{rel} [{name}]", "en", source)
            yield Passage(where, f"{rel} [{name}]", "es", message.findtext("translation") or "",
                          source)


def _py_passages(path: Path, rel: str) -> Iterator[Passage]:
    def text(node: ast.expr | None) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
            else None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        pairs: list[tuple[ast.expr | None, ast.expr | None]] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text":
            args = [*node.args, *(k.value for k in node.keywords)]
            pairs.append((args[0] if args else None, args[1] if len(args) > 1 else None))
        elif isinstance(node, ast.Dict):
            keys = {text(k): v for k, v in zip(node.keys, node.values, strict=True)}
            if "en" in keys or "es" in keys:
                pairs.append((keys.get("en"), keys.get("es")))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                getattr(t, "id", None) == "ES" for t in node.targets):
            pairs.extend(zip(node.value.keys, node.value.values, strict=True))
        for en_node, es_node in pairs:
            en, es = text(en_node), text(es_node)
            if en is not None and en_node is not None:
                yield Passage(f"{rel}:{en_node.lineno}", rel, "en", en)
            if es is not None and es_node is not None:
                yield Passage(f"{rel}:{es_node.lineno}", rel, "es", es, en)


def passages(root: Path = ROOT, globs: tuple[str, ...] = SCANNED) -> list[Passage]:
    """Every English and Spanish text of the files `globs` name, in file order."""
    readers = {".yaml": _yaml_passages, ".ts": _ts_passages, ".py": _py_passages}
    found: list[Passage] = []
    for pattern in globs:
        paths = sorted(root.glob(pattern))
        assert paths, f"{pattern} matches no file"
        for path in paths:
            found.extend(readers[path.suffix](path, str(path.relative_to(root))))
    return found


def avoided_spanish(texts: list[Passage]) -> list[str]:
    """'where: found "x" — use "y"' for each glossary term to avoid in a Spanish text."""
    problems = []
    for p in texts:
        if p.lang != "es":
            continue
        for rule in AVOID:
            match = re.search(rule.pattern, p.text, re.IGNORECASE)
            if match and not (rule.unless and re.search(rule.unless, p.text)):
                problems.append(f'{p.where}: "{match.group(0)}" — use "{rule.use}"')
    return problems


def parole_for_probation(texts: list[Passage]) -> list[str]:
    """Spanish texts that say "libertad condicional" where their English says probation (and
    not parole): the glossary keeps "libertad condicional" for parole."""
    return [f'{p.where}: "libertad condicional" for probation — use "probatoria (probation)"'
            for p in texts
            if p.lang == "es" and p.en is not None
            and re.search(r"libertad condicional", p.text, re.IGNORECASE)
            and re.search(r"probation", p.en, re.IGNORECASE)
            and not re.search(r"parole", p.en, re.IGNORECASE)]


def first_mentions_without_english(texts: list[Passage]) -> list[str]:
    """The first Spanish text of each screen or page that names a justice term without the
    English word in parentheses in the same text."""
    problems = []
    seen: set[tuple[str, str]] = set()
    for p in texts:
        if p.lang != "es":
            continue
        for spanish, english in FIRST_MENTION:
            if (p.scope, english) in seen or not re.search(spanish, p.text, re.IGNORECASE):
                continue
            seen.add((p.scope, english))
            if not re.search(rf"\([^)]*\b{english}\b[^)]*\)", p.text, re.IGNORECASE):
                problems.append(f'{p.where}: first "{english}" term on {p.scope} needs '
                                f'"({english})" after it')
    return problems


def british_spellings(texts: list[Passage]) -> list[str]:
    return [f'{p.where}: British spelling "{m.group(0)}"'
            for p in texts if p.lang == "en" for m in BRITISH.finditer(p.text)]


@pytest.fixture(scope="module")
def texts() -> list[Passage]:
    return passages()


def test_spanish_avoids_the_glossary_terms_to_avoid(texts: list[Passage]) -> None:
    problems = avoided_spanish(texts)
    assert not problems, "\n".join(problems)


def test_libertad_condicional_never_means_probation(texts: list[Passage]) -> None:
    problems = parole_for_probation(texts)
    assert not problems, "\n".join(problems)


def test_first_justice_term_on_a_screen_gives_the_english(texts: list[Passage]) -> None:
    problems = first_mentions_without_english(texts)
    assert not problems, "\n".join(problems)


def test_english_uses_american_spelling(texts: list[Passage]) -> None:
    problems = british_spellings(texts)
    assert not problems, "\n".join(problems)


def test_every_scanned_pattern_yields_both_languages() -> None:
    """The readers really find texts in each kind of file (guards the guard)."""
    for pattern in SCANNED:
        langs = {p.lang for p in passages(ROOT, (pattern,))}
        assert langs == {"en", "es"}, f"{pattern}: no texts in {sorted({'en', 'es'} - langs)}"


def test_the_checks_catch_what_the_review_found(tmp_path: Path) -> None:
    """Strings SPANISH-REVIEW.md quoted, in each file type, are all reported."""
    (tmp_path / "form.yaml").write_text(
        "sections:\n"
        "  - id: s\n"
        "    questions:\n"
        "      - label: {en: Felony probation, es: En libertad condicional por delito grave}\n"
        "      - label: {en: Court papers, es: \"Del tribunal (próxima fecha de corte)\"}\n"
        "      - label: {en: Parole, es: Libertad bajo palabra}\n"
        "      - label: {en: Cognitive behavioural therapy, es: Terapia}\n",
        encoding="utf-8")
    (tmp_path / "app.ts").write_text(
        "<TS><context><name>PacketDialog</name><message><source>Press Preview</source>"
        "<translation>Pulse Vista previa</translation></message>"
        "<message><source>Welcome</source><translation>Bienvenido</translation></message>"
        "</context>"
        "<context><name>Card</name><message><source>Probation</source>"
        "<translation>Probatoria</translation></message></context></TS>", encoding="utf-8")
    (tmp_path / "labels.py").write_text(
        'WITHHELD = Text("Withheld", "Retenida")\nX = {"en": "Violated", "es": "violada"}\n',
        encoding="utf-8")
    found = passages(tmp_path, ("*.yaml", "*.ts", "*.py"))
    avoided = "\n".join(avoided_spanish(found))
    for term in ("libertad condicional por delito", "tribunal", "fecha de corte",
                 "Libertad bajo palabra", "Pulse", "Bienvenido", "Retenida", "violada"):
        assert f'"{term}' in avoided, term
    assert "form.yaml:4" in "\n".join(parole_for_probation(found))
    assert "[Card]" in "\n".join(first_mentions_without_english(found))
    assert "behavioural" in "\n".join(british_spellings(found))
