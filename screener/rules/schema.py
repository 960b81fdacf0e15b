"""Read one rule file (DESIGN §4.2) into a `Track`, reporting every problem at file:line:col.

The reader does not stop at the first mistake: it records each one (unknown key, missing
id/text, duplicate criterion id, bad parameter date, expression error, unknown field, ...)
and carries on where it can, so `screener rules check` can list them all at once.
"""

from __future__ import annotations

from datetime import date

from screener.domain import SENSITIVE_KINDS
from screener.rules.model import (
    Criterion,
    DatedValue,
    NodeKind,
    Parameter,
    ParamValue,
    PriorityRule,
    Program,
    ProgramStatus,
    Track,
)
from screener.rules.readbase import ReaderBase
from screener.text import Text
from screener.yamlpos import ID, Location, YMap, YNode, YScalar, YSeq

TRACK_KEYS = frozenset(
    {"id", "version", "title", "description", "administering_agency", "reference",
     "parameters", "programs"}
)
PARAM_KEYS = frozenset({"description", "reference", "uncertain", "unit", "values"})
PROGRAM_KEYS = frozenset(
    {"id", "title", "description", "provider", "administering_agency", "funding", "reference",
     "uncertain", "eligible_if", "priority_if", "documents", "status",
     "declined_if", "sensitivity"}
)
NODE_KEYS = frozenset(
    {"id", "text", "all", "any", "not", "when", "unknown_when", "reference", "uncertain",
     "because"}
)
STATUS_KEYS = frozenset({"values", "reference", "uncertain"})
PRIORITY_KEYS = frozenset({"id", "text", "when"})
_STATUSES = frozenset(s.value for s in ProgramStatus)
#: The most criteria one program may have once aliases are expanded (guards against a file
#: that multiplies aliases into millions of nodes).
MAX_CRITERIA = 2000


class Reader(ReaderBase):
    """Reads one rule file; `errors` and `warnings` collect what is wrong."""

    # -- the file --------------------------------------------------------------------------

    def track(self, root: YNode, stem: str) -> Track | None:
        node = self.mapping(root, "a rule file")
        if node is None:
            return None
        self.keys(node, TRACK_KEYS, "the rule file")
        track_id = self.ident(node, "the rule file")
        if track_id is not None and track_id != stem:
            id_node = node.get("id")
            assert id_node is not None
            self.error(id_node.loc, f"id {track_id!r} must match the file name ({stem!r})")
        version = self.version(node)
        parameters = self.parameters(node.get("parameters"))
        self.params = frozenset(parameters)
        self.parameter_specs = parameters
        title = self.text_at(node, "title", "the rule file")
        programs = self.programs(node, track_id or stem)
        result = Track(
            id=track_id or stem,
            version=version or "",
            title=title or Text(stem),
            file=self.file,
            parameters=parameters,
            programs=programs,
            administering_agency=self.agency(node, "the rule file"),
            reference=self.strings(node, "reference", "the rule file"),
            description=self.text_at(node, "description", "the rule file", required=False),
        )
        return None if self.has_errors else result

    def version(self, node: YMap) -> str | None:
        value = node.get("version")
        if value is None:
            self.error(node.loc, "the rule file has no version")
            return None
        if isinstance(value, YScalar) and isinstance(value.value, date):
            return value.value.isoformat()
        if (isinstance(value, YScalar) and not isinstance(value.value, bool)
                and isinstance(value.value, str | int) and str(value.value).strip()):
            return str(value.value)
        self.error(value.loc, "version must be a date or a version text")
        return None

    def parameters(self, node: YNode | None) -> dict[str, Parameter]:
        params = self.mapping(node, "parameters")
        if params is None:
            return {}
        out: dict[str, Parameter] = {}
        for key, value in params.entries:
            name = key.value
            if not (isinstance(name, str) and ID.match(name)):
                self.error(key.loc, "a parameter name must be lower_case_words")
                continue
            if name in self.catalog.field_ids or name == "today":
                self.error(key.loc, f"parameter {name!r} has the name of a field")
                continue
            param = self.parameter(name, value, key.loc)
            if param is not None:
                out[name] = param
        return out

    def parameter(self, name: str, node: YNode, where: Location) -> Parameter | None:
        spec = self.mapping(node, f"parameter {name!r}")
        if spec is None:
            return None
        what = f"parameter {name!r}"
        self.keys(spec, PARAM_KEYS, what)
        description = self.string(spec, "description", what)
        if description is None and spec.get("description") is None:
            self.error(spec.loc, f"{what} has no description")
        values = self.dated_values(spec.get("values"), spec.loc, what)
        if description is None or not values:
            return None
        return Parameter(
            name=name,
            description=description,
            values=values,
            location=where,
            reference=self.strings(spec, "reference", what),
            uncertain=self.string(spec, "uncertain", what),
        )

    def dated_values(
        self, node: YNode | None, where: Location, what: str
    ) -> tuple[DatedValue, ...]:
        if node is None:
            self.error(where, f"{what} has no values")
            return ()
        values = self.mapping(node, f"{what} values")
        if values is None:
            return ()
        if not values.entries:
            self.error(values.loc, f"{what} values is empty")
        out: list[DatedValue] = []
        kinds: set[str] = set()
        for key, value in values.entries:
            if not isinstance(key.value, date):
                self.error(key.loc, f"{what}: {key.value!s} is not a date (YYYY-MM-DD)")
                continue
            plain = self.param_value(value, what)
            if plain is None:
                continue
            kinds.add(_kind(plain))
            out.append(DatedValue(key.value, plain))
        if len(kinds) > 1:
            self.error(values.loc, f"{what}: every value must be of one kind "
                                   f"(found {', '.join(sorted(kinds))})")
        return tuple(sorted(out, key=lambda v: v.start))

    def param_value(self, node: YNode, what: str) -> ParamValue | None:
        if isinstance(node, YScalar) and node.value is not None:
            if isinstance(node.value, bool | int | float | str | date):
                return node.value
        if isinstance(node, YSeq):
            items = [i.value for i in node.items if isinstance(i, YScalar)]
            if len(items) == len(node.items) and all(
                i is not None and isinstance(i, bool | int | float | str | date) for i in items
            ):
                return tuple(items)  # type: ignore[arg-type]
        self.error(node.loc, f"{what}: a value must be a number, text, true/false, a date "
                             "or a list of those")
        return None

    # -- programs --------------------------------------------------------------------------

    def programs(self, node: YMap, track_id: str) -> tuple[Program, ...]:
        value = node.get("programs")
        if not isinstance(value, YSeq) or not value.items:
            self.error(value.loc if value is not None else node.loc,
                       "programs must be a list with at least one program")
            return ()
        out: list[Program] = []
        seen: dict[str, Location] = {}
        for item in value.items:
            program = self.program(item, track_id)
            if program is None:
                continue
            if program.id in seen:
                self.error(program.location, f"duplicate program id {program.id!r} "
                                             f"(first at line {seen[program.id].line})")
                continue
            seen[program.id] = program.location
            out.append(program)
        return tuple(out)

    def program(self, item: YNode, track_id: str) -> Program | None:
        node = self.mapping(item, "a program")
        if node is None:
            return None
        self.keys(node, PROGRAM_KEYS, "a program")
        program_id = self.ident(node, "a program")
        what = f"program {program_id or '?'}"
        title = self.text_at(node, "title", what)
        provider = self.string(node, "provider", what)
        if provider is None and node.get("provider") is None:
            self.error(node.loc, f"{what} has no provider")
        elif provider is not None and self.providers is not None \
                and provider not in self.providers:
            self.error(_at(node, "provider"),
                       f"provider {provider!r} is not in resources/programs.yaml")
        tree_node = node.get("eligible_if")
        tree = None
        if tree_node is None:
            self.error(node.loc, f"{what} has no eligible_if")
        else:
            tree = self.criterion(tree_node, what)
            if tree is not None:
                self.check_tree(tree, what)
        program = Program(
            id=program_id or "?",
            track_id=track_id,
            title=title or Text("?"),
            provider=provider or "?",
            eligible_if=tree or Criterion(NodeKind.ALL, node.loc),
            location=node.loc,
            description=self.text_at(node, "description", what, required=False),
            administering_agency=self.agency(node, what),
            funding=self.string(node, "funding", what),
            reference=self.strings(node, "reference", what),
            uncertain=self.string(node, "uncertain", what),
            priority_if=self.priorities(node.get("priority_if"), what),
            documents=self.document_ids(node, what),
            sensitivity=self.kinds(node, what),
            status=self.status(node.get("status"), what),
            declined_if=(self.expression(node, "declined_if", what)
                         if node.get("declined_if") is not None else None),
        )
        ok = program_id is not None and title is not None and provider is not None and tree
        return program if ok else None

    def because(self, node: YMap, label: str) -> Text | None:
        """The short "qualifies because" phrase: may name parameters and field ids."""
        value = node.get("because")
        if value is None:
            return None
        return self.filled_text(value, f"{label} because", self.params | self.catalog.field_ids)

    def status(self, node: YNode | None, what: str) -> tuple[DatedValue, ...]:
        """`status: {values: {DATE: open|planning|subject_to_funding|closed}}` (default open)."""
        if node is None:
            return ()
        spec = self.mapping(node, f"{what} status")
        if spec is None:
            return ()
        self.keys(spec, STATUS_KEYS, f"{what} status")
        self.strings(spec, "reference", f"{what} status")
        self.string(spec, "uncertain", f"{what} status")
        values = self.dated_values(spec.get("values"), spec.loc, f"{what} status")
        allowed = ", ".join(s.value for s in ProgramStatus)
        raw = spec.get("values")
        entries = raw.entries if isinstance(raw, YMap) else []
        ok: list[DatedValue] = []
        for v in values:
            if isinstance(v.value, str) and v.value in _STATUSES:
                ok.append(v)
                continue
            where = next((val.loc for key, val in entries if key.value == v.start), spec.loc)
            self.error(where, f"{what} status {v.value!s} on {v.start.isoformat()} "
                              f"is not one of {allowed}")
        return tuple(ok)

    def check_tree(self, tree: Criterion, what: str) -> None:
        nodes = tree.walk()
        if len(nodes) > MAX_CRITERIA:
            self.error(tree.location, f"{what} has more than {MAX_CRITERIA} criteria")
            return
        seen: dict[str, Location] = {}
        for n in nodes:
            if n.id is None:
                continue
            if n.id in seen:
                self.error(n.location, f"duplicate criterion id {n.id!r} in {what} "
                                       f"(first at line {seen[n.id].line})")
            else:
                seen[n.id] = n.location

    def criterion(self, item: YNode, what: str) -> Criterion | None:
        node = self.mapping(item, "a criterion")
        if node is None:
            return None
        self.keys(node, NODE_KEYS, "a criterion")
        kinds = [k for k in ("all", "any", "not", "when") if node.get(k) is not None]
        if len(kinds) != 1:
            self.error(node.loc, "a criterion needs exactly one of all, any, not or when"
                                 + (f" (found {', '.join(kinds)})" if kinds else ""))
            return None
        kind = kinds[0]
        is_leaf = kind == "when"
        crit_id = self.ident(node, "a criterion", required=is_leaf)
        label = f"criterion {crit_id}" if crit_id else "a criterion group"
        text = self.text_at(node, "text", label, required=is_leaf or crit_id is not None)
        common = {
            "location": node.loc, "id": crit_id, "text": text,
            "reference": self.strings(node, "reference", label),
            "uncertain": self.string(node, "uncertain", label),
            "because": self.because(node, label),
        }
        if is_leaf:
            when = self.expression(node, "when", label)
            unknown_when = (self.expression(node, "unknown_when", label)
                            if node.get("unknown_when") is not None else None)
            if when is None or crit_id is None or text is None:
                return None
            return Criterion(NodeKind.LEAF, when=when, unknown_when=unknown_when,
                             **common)  # type: ignore[arg-type]
        if node.get("unknown_when") is not None:
            self.error(_at(node, "unknown_when"), "unknown_when belongs on a criterion with when")
        body = node.get(kind)
        assert body is not None
        children: tuple[Criterion, ...]
        if kind == "not":
            child = self.criterion(body, what)
            children = (child,) if child is not None else ()
            ok = child is not None
        else:
            if not isinstance(body, YSeq) or not body.items:
                self.error(body.loc, f"{kind} must be a list of at least one criterion")
                return None
            parts = [self.criterion(i, what) for i in body.items]
            children = tuple(c for c in parts if c is not None)
            ok = len(children) == len(parts)
        if not ok:
            return None
        return Criterion(NodeKind(kind), children=children, **common)  # type: ignore[arg-type]

    def priorities(self, node: YNode | None, what: str) -> tuple[PriorityRule, ...]:
        if node is None:
            return ()
        if not isinstance(node, YSeq):
            self.error(node.loc, f"{what} priority_if must be a list")
            return ()
        out: list[PriorityRule] = []
        seen: set[str] = set()
        for item in node.items:
            spec = self.mapping(item, "a priority reason")
            if spec is None:
                continue
            self.keys(spec, PRIORITY_KEYS, "a priority reason")
            pid = self.ident(spec, "a priority reason")
            label = f"priority reason {pid or '?'}"
            text = self.text_at(spec, "text", label)
            when = self.expression(spec, "when", label)
            if pid is not None and pid in seen:
                self.error(spec.loc, f"duplicate priority reason id {pid!r} in {what}")
            elif pid is not None and text is not None and when is not None:
                seen.add(pid)
                out.append(PriorityRule(pid, text, when, spec.loc))
        return tuple(out)

    def kinds(self, node: YMap, what: str) -> tuple[str, ...]:
        """`sensitivity: [mental_health, substance_use]`: a referral reveals these kinds."""
        value = node.get("sensitivity")
        if value is None:
            return ()
        items = value.items if isinstance(value, YSeq) else ()
        kinds = [i.value for i in items if isinstance(i, YScalar)]
        if not isinstance(value, YSeq) or not kinds or len(kinds) != len(items) or any(
                k not in SENSITIVE_KINDS for k in kinds):
            self.error(value.loc, f"{what} sensitivity must be a list of: "
                       + ", ".join(SENSITIVE_KINDS))
            return ()
        return tuple(dict.fromkeys(str(k) for k in kinds))

    def document_ids(self, node: YMap, what: str) -> tuple[str, ...]:
        value = node.get("documents")
        if value is None:
            return ()
        if not isinstance(value, YSeq):
            self.error(value.loc, f"{what} documents must be a list of document ids")
            return ()
        out: list[str] = []
        for item in value.items:
            doc = item.value if isinstance(item, YScalar) else None
            if not isinstance(doc, str) or not ID.match(doc):
                self.error(item.loc, "a document must be a document id (lower_case_words)")
            elif self.documents is not None and doc not in self.documents:
                self.error(item.loc, f"document {doc!r} is not in resources/documents.yaml")
            elif doc in out:
                self.error(item.loc, f"document {doc!r} is listed twice")
            else:
                out.append(doc)
        return tuple(out)


def _at(node: YMap, key: str) -> Location:
    value = node.get(key)
    return value.loc if value is not None else node.loc


def _kind(value: ParamValue) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, date):
        return "date"
    if isinstance(value, tuple):
        return "list"
    return "text"

