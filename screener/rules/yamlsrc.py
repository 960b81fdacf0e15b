"""YAML read with positions, for rule files, rule test files and answers files.

A private `yaml.SafeLoader` subclass composes the node graph (nothing is registered on
PyYAML's shared loaders); this module turns nodes into located values itself, so that
duplicate keys, impossible dates and any tag beyond plain YAML data (`!!python/...`,
`!!binary`, local `!tags`) are reported at `file:line:col` instead of being accepted.

Anchors and aliases (`&general` / `*general`) are allowed, so that a rule file can state a
group of criteria once and use it in several programs; a node is converted once and shared,
and an alias that contains itself is refused. Merge keys (`<<: *base`) bring in a mapping's
keys where the mapping itself does not give them (test cases share base answers this way).
The located node types are the forms' (`screener.forms.yamlsrc`); this reader differs in
allowing aliases, merge keys and date keys (dated parameter values), and in the error class
it raises (RuleError for rule files, AnswerError for answers files).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import yaml

from screener.errors import ScreenerError
from screener.expr import Location
from screener.forms.yamlsrc import DepthLimitedLoader, YMap, YNode, YScalar, YSeq, read_text

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
#: The most values a file may hold once its aliases are expanded (the largest rule or test
#: file shipped holds a few thousand).
MAX_VALUES = 200_000


class _Loader(DepthLimitedLoader):
    """Our own loader class, so nothing is registered on PyYAML's shared SafeLoader."""


__all__ = ["YMap", "YNode", "YScalar", "YSeq", "load_yaml", "parse_yaml", "plain"]




def plain(node: YNode) -> object:
    """The node as plain Python values (dict / list / scalars), positions dropped."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    return {k.value: plain(v) for k, v in node.entries}


def load_yaml(path: Path, error: type[ScreenerError], display: str | None = None) -> YNode:
    """Read one YAML document from `path` with positions; problems raise `error` at file:line:col."""
    file = display or str(path)
    return parse_yaml(read_text(path, file, error), file, error)


def parse_yaml(text: str, file: str, error: type[ScreenerError]) -> YNode:
    """Parse YAML text with positions (see `load_yaml`)."""
    try:
        loader = _Loader(text)  # checks the characters first
    except yaml.YAMLError as exc:  # a control character: ReaderError names its position
        raise error(f"not valid YAML: {exc}", file=file) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise error("the file is empty", file=file, line=1, col=1)
        return _Converter(loader, file, error).convert(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context
        raise error(f"not valid YAML: {problem}", file=file, line=line, col=col) from None
    except yaml.YAMLError as exc:
        raise error(f"not valid YAML: {exc}", file=file) from None
    finally:
        loader.dispose()


class _Converter:
    """Turns composed nodes into YScalar/YSeq/YMap, sharing aliased nodes."""

    def __init__(self, loader: _Loader, file: str, error: type[ScreenerError]) -> None:
        self.loader = loader
        self.file = file
        self.error = error
        self.done: dict[int, YNode] = {}
        self.active: set[int] = set()
        self.sizes: dict[int, int] = {}  # id(converted node) -> values it holds, aliases expanded

    def fail(self, loc: Location, message: str) -> ScreenerError:
        return self.error(message, file=loc.file, line=loc.line, col=loc.col)

    def convert(self, node: yaml.Node) -> YNode:
        key = id(node)
        loc = Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)
        if key in self.active:
            raise self.fail(loc, "an alias (*name) that contains itself")
        if key in self.done:
            return self.done[key]
        self.active.add(key)
        try:
            result = self._convert(node, loc)
        finally:
            self.active.discard(key)
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
        except (ValueError, OverflowError):
            if node.tag == _TIMESTAMP_TAG:
                raise self.fail(loc, f"{node.value!r} is not a real date") from None
            raise self.fail(loc, f"cannot read {node.value[:40]!r}") from None
        if isinstance(value, datetime):
            raise self.fail(loc, f"{node.value!r}: a date (YYYY-MM-DD) is expected, not a time")
        return YScalar(value, loc, node.style)

    def _mapping(self, node: yaml.MappingNode, loc: Location) -> YMap:
        entries: list[tuple[YScalar, YNode]] = []
        merged: list[tuple[YScalar, YNode]] = []
        seen: dict[object, Location] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *base`: the base's keys, unless given here
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
                raise self.fail(
                    key.loc, f"duplicate key {key.value!s} (first at line {first.line})"
                )
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
