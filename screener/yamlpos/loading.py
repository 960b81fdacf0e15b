"""Reading YAML safely with positions: forms, rule files, rule tests and answers files.

Private subclasses of PyYAML's safe loaders compose the node graph (nothing is registered on
PyYAML's shared loaders): libyaml's for speed, the pure-Python one where a file has anything
wrong (see `parse_yaml`). This module turns nodes into located values itself, so that
duplicate keys, impossible dates, times where a date is expected and any tag beyond plain
YAML data (`!!python/...`, `!!binary`, local `!tags`) are reported at `file:line:col`
instead of being accepted.

Against hostile files (tests/reliability/test_yaml_bombs.py): a file over MAX_BYTES is
refused before it is read, nesting deeper than MAX_DEPTH is refused while scanning, and
where aliases are allowed a file whose aliases would expand past MAX_VALUES is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from screener.errors import AnswerError, FormError, RuleError, ScreenerError
from screener.yamlpos.nodes import Location, YMap, YNode, YScalar, YSeq

#: Deeper than any form or rule file needs. PyYAML composes nodes recursively, so a file
#: of thousands of `[` would end in a RecursionError after a second or more of work.
MAX_DEPTH = 64
#: Far more than any form, rule or answers file (the largest shipped is 30 KB): a bigger file
#: is refused before it is read into memory.
MAX_BYTES = 4 << 20
#: The most values a file may hold once its aliases are expanded (the largest rule or test
#: file shipped holds a few thousand).
MAX_VALUES = 200_000

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Dialect:
    """What one kind of YAML file may contain, and how its messages are worded.

    Form files hold plain data only. Rule, rule test and answers files may state a group of
    values once and use it in several places: anchors and aliases (`&general` /
    `*general`, converted once and shared) and merge keys (`<<: *base`, the base's keys
    where the mapping does not give them).
    """

    #: The error raised for a file that is not plain, safe YAML (unreadable, duplicate key,
    #: tag, impossible date, too deep, ...).
    error: type[ScreenerError]
    #: Whether anchors with aliases and merge keys are allowed.
    aliases: bool
    #: Whether messages name a key quoted ('label', as forms always have) or bare (colour).
    quote_keys: bool
    #: The warning for a text without Spanish, after the field's name (as each kind of file
    #: has always said it; analysts and tests know these words).
    no_spanish: str

    def show_key(self, key: object) -> str:
        """A key as this dialect's messages name it."""
        return repr(key) if self.quote_keys and isinstance(key, str) else str(key)


FORM_FILES = Dialect(FormError, aliases=False, quote_keys=True,
                     no_spanish="has no Spanish translation")
RULE_FILES = Dialect(RuleError, aliases=True, quote_keys=False,
                     no_spanish="has no Spanish (es) text")
ANSWER_FILES = Dialect(AnswerError, aliases=True, quote_keys=False,
                       no_spanish="has no Spanish (es) text")


class _Loader(yaml.SafeLoader):
    """A private SafeLoader (nothing is registered on PyYAML's shared one) that refuses a
    document nested more than MAX_DEPTH levels, at the place it goes too deep."""

    _depth = 0

    def fetch_flow_collection_start(self, token_class: type[yaml.Token]) -> None:
        # Refuse deep `[[[[`/`{{{{` already while scanning: PyYAML keeps a possible key per
        # open bracket and rescans them all at every token.
        if self.flow_level >= MAX_DEPTH:
            raise yaml.scanner.ScannerError(None, None, f"nested more than {MAX_DEPTH} levels "
                                            "deep", self.get_mark())
        super().fetch_flow_collection_start(token_class)

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark)  # type: ignore[no-untyped-call]
            node: yaml.Node = super().compose_node(parent, index)  # type: ignore[arg-type,assignment]
            return node
        finally:
            self._depth -= 1


def _fast_loader() -> type[yaml.CSafeLoader] | None:
    """libyaml's safe loader, subclassed so nothing is registered on PyYAML's shared one.

    Only libyaml 0.2.5 or later (bundled with PyYAML's wheels) refuses nesting past 1,000
    levels, so a hostile file cannot exhaust the stack; without it only the careful loader.
    """
    if not yaml.__with_libyaml__:  # pragma: no cover - PyYAML built without libyaml
        return None
    from yaml import _yaml

    if _yaml.get_version() < (0, 2, 5):  # pragma: no cover
        return None

    class FastLoader(yaml.CSafeLoader):
        pass

    return FastLoader


_FAST_LOADER = _fast_loader()


def _fast_reads_alike(text: str) -> bool:
    """False for text libyaml reads otherwise than the careful loader (found by fuzzing):
    characters the careful loader refuses, a byte order mark after the start, tabs."""
    return (not yaml.reader.Reader.NON_PRINTABLE.search(text) and "\ufeff" not in text[1:]
            and "\t" not in text)


def load_yaml(path: Path, dialect: Dialect, display: str | None = None) -> YNode:
    """Read one YAML document from `path` with positions; problems raise `dialect.error` at
    file:line:col. `display` is how messages name the file (default: the path)."""
    file = display or str(path)
    return parse_yaml(_read(path, file, dialect.error), file, dialect)


def _read(path: Path, file: str, error: type[ScreenerError]) -> str:
    """A YAML file's text; `error` if it cannot be read or is larger than MAX_BYTES."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise error(f"the file is larger than {MAX_BYTES >> 20} MiB; forms, rules and "
                        "answers files are far smaller", file=file)
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read the file ({exc})", file=file) from None


def parse_yaml(text: str, file: str, dialect: Dialect) -> YNode:
    """Parse YAML text with positions (see `load_yaml`).

    A file is first read with libyaml, about fifteen times faster than PyYAML's pure-Python
    parser. Anything wrong with it (libyaml's error, nesting past MAX_DEPTH, a duplicate
    key, ...) has it read again by the careful pure-Python loader, whose limits and
    messages are the ones reported, so a broken file is told as it always was.
    """
    if _FAST_LOADER is not None and _fast_reads_alike(text):
        try:
            return _compose(_FAST_LOADER(text), file, dialect)
        except (yaml.YAMLError, ScreenerError):
            pass
    try:
        loader = _Loader(text)  # checks the characters first
    except yaml.YAMLError as exc:  # a control character: ReaderError names its position
        raise dialect.error(f"not valid YAML: {exc}", file=file) from None
    try:
        return _compose(loader, file, dialect)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context
        raise dialect.error(f"not valid YAML: {problem}", file=file, line=line,
                            col=col) from None
    except yaml.YAMLError as exc:
        raise dialect.error(f"not valid YAML: {exc}", file=file) from None


def _compose(loader: _Loader | yaml.CSafeLoader, file: str, dialect: Dialect) -> YNode:
    try:
        node = loader.get_single_node()
        if node is None:
            raise dialect.error("the file is empty", file=file, line=1, col=1)
        return _Converter(loader, file, dialect).convert(node)
    finally:
        loader.dispose()


class _Converter:
    """Turns composed nodes into YScalar/YSeq/YMap; an aliased node is converted once."""

    def __init__(self, loader: _Loader | yaml.CSafeLoader, file: str, dialect: Dialect) -> None:
        self.loader = loader
        self.file = file
        self.dialect = dialect
        self.depth = 0  # libyaml allows 1,000 levels; the careful loader refuses them earlier
        self.done: dict[int, YNode] = {}
        self.active: set[int] = set()
        self.sizes: dict[int, int] = {}  # id(converted node) -> values it holds, aliases expanded

    def fail(self, loc: Location, message: str) -> ScreenerError:
        return self.dialect.error(message, file=loc.file, line=loc.line, col=loc.col)

    def convert(self, node: yaml.Node) -> YNode:
        key = id(node)
        loc = Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)
        if key in self.done or key in self.active:  # an alias (*name) of a node seen before
            if not self.dialect.aliases:
                raise self.fail(loc, "aliases (*name) are not allowed")
            if key in self.active:
                raise self.fail(loc, "an alias (*name) that contains itself")
            return self.done[key]
        self.active.add(key)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise self.fail(loc, f"nested more than {MAX_DEPTH} levels deep")
            result = self._convert(node, loc)
        finally:
            self.active.discard(key)
            self.depth -= 1
        if self.dialect.aliases:
            self._count(result)
        self.done[key] = result
        return result

    def _count(self, node: YNode) -> None:
        """Note how many values `node` holds with every alias expanded, and refuse a file
        whose aliases would expand past MAX_VALUES (a "billion laughs" file: nine lines
        that expand to 10^9 values when turned into plain data)."""
        if isinstance(node, YScalar):
            size = 1
        elif isinstance(node, YSeq):
            size = 1 + sum(self.sizes.get(id(item), 1) for item in node.items)
        else:
            size = 1 + sum(self.sizes.get(id(k), 1) + self.sizes.get(id(v), 1)
                           for k, v in node.entries)
        if size > MAX_VALUES:
            raise self.fail(node.loc, f"with its aliases (*name) expanded this holds more than "
                                      f"{MAX_VALUES:,} values; write it out instead")
        self.sizes[id(node)] = size

    def _convert(self, node: yaml.Node, loc: Location) -> YNode:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.fail(loc, f"tag {node.tag!r} is not allowed")
            return YSeq(tuple(self.convert(item) for item in node.value), loc)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.fail(loc, f"tag {node.tag!r} is not allowed")
            return self._mapping(node, loc)
        raise self.fail(loc, "unsupported YAML node")  # pragma: no cover - PyYAML has 3 kinds

    def _scalar(self, node: yaml.ScalarNode, loc: Location) -> YScalar:
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(loc, f"tag {node.tag!r} is not allowed")
        try:
            value = self.loader.construct_object(node)
        except (ValueError, OverflowError):  # 2026-02-30, an integer of 5,000 digits
            if node.tag == _TIMESTAMP_TAG:
                raise self.fail(loc, f"{node.value!r} is not a real date") from None
            raise self.fail(loc, f"cannot read {node.value[:40]!r}") from None
        if isinstance(value, datetime):
            raise self.fail(loc, f"{node.value!r}: a date (YYYY-MM-DD) is expected, not a time")
        return YScalar(value, loc, node.style or None)  # libyaml says '' for plain

    def _mapping(self, node: yaml.MappingNode, loc: Location) -> YMap:
        entries: list[tuple[YScalar, YNode]] = []
        merged: list[tuple[YScalar, YNode]] = []
        seen: dict[object, Location] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG and self.dialect.aliases:
                merged.extend(self._merged(self.convert(value_node)))
                continue
            key = self.convert(key_node)
            if (
                not isinstance(key, YScalar)
                or isinstance(key.value, bool)
                or not isinstance(key.value, str | date | int)
            ):
                raise self.fail(key.loc, "keys must be words, numbers or dates")
            if key.value in seen:
                first = seen[key.value]
                raise self.fail(key.loc, f"duplicate key {self.dialect.show_key(key.value)} "
                                         f"(first at line {first.line})")
            seen[key.value] = key.loc
            entries.append((key, self.convert(value_node)))
        for key, value in merged:
            if key.value not in seen:
                seen[key.value] = key.loc
                entries.append((key, value))
        return YMap(tuple(entries), loc)

    def _merged(self, value: YNode) -> list[tuple[YScalar, YNode]]:
        """The entries a merge key brings in: one mapping, or a list of them (first wins)."""
        if isinstance(value, YMap):
            return list(value.entries)
        if isinstance(value, YSeq) and all(isinstance(v, YMap) for v in value.items):
            return [e for v in value.items if isinstance(v, YMap) for e in v.entries]
        raise self.fail(value.loc, "a merge key (<<) takes a mapping or a list of mappings")
