"""YAML read with positions: every node keeps its file, line and column.

A private `yaml.SafeLoader` subclass composes the node graph (nothing is patched onto
PyYAML's shared loaders); this module then turns nodes into located values itself, so that
duplicate keys and any tag beyond plain YAML data (`!!python/...`, `!!binary`, local `!tags`)
are reported at `file:line:col` instead of being accepted or silently merged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from screener.errors import FormError, ScreenerError
from screener.expr import Location

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


#: Deeper than any form or rule file needs. PyYAML composes nodes recursively, so a file
#: of thousands of `[` would end in a RecursionError after a second or more of work.
MAX_DEPTH = 64
#: Far more than any form, rule or answers file (the largest shipped is 30 KB): a bigger file
#: is refused before it is read into memory.
MAX_BYTES = 4 << 20


class DepthLimitedLoader(yaml.SafeLoader):
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


class _Loader(DepthLimitedLoader):
    """Our own loader class, so nothing is registered on PyYAML's shared SafeLoader."""


@dataclass(frozen=True)
class YScalar:
    """A scalar value (str, int, float, bool, None, date) and where it stands."""

    value: object
    loc: Location
    style: str | None = None

    def text_location(self) -> Location:
        """Where the scalar's text starts (after an opening quote or a block indicator)."""
        if self.style in ("'", '"'):
            return Location(self.loc.file, self.loc.line, self.loc.col + 1)
        if self.style in ("|", ">"):
            return Location(self.loc.file, self.loc.line + 1, self.loc.col + 2)
        return self.loc


@dataclass(frozen=True)
class YSeq:
    """A sequence and where it starts."""

    items: tuple[YNode, ...]
    loc: Location


@dataclass(frozen=True)
class YMap:
    """A mapping with text keys (in file order) and where it starts."""

    entries: tuple[tuple[YScalar, YNode], ...]
    loc: Location

    def get(self, key: str) -> YNode | None:
        """The value node under `key`, or None."""
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[YScalar]:
        return [k for k, _ in self.entries]

    def value(self, key: str) -> object:
        """The plain value under `key` (scalars only), or None."""
        node = self.get(key)
        return node.value if isinstance(node, YScalar) else None


YNode = YScalar | YSeq | YMap


def _loc(file: str, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def load_yaml(path: Path, display: str | None = None) -> YNode:
    """Read one YAML document from `path` with positions. Raises FormError at file:line:col."""
    file = display or str(path)
    return parse_yaml(read_text(path, file, FormError), file)


def read_text(path: Path, file: str, error: type[ScreenerError]) -> str:
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


def parse_yaml(text: str, file: str) -> YNode:
    """Parse YAML text with positions (see `load_yaml`)."""
    try:
        loader = _Loader(text)  # checks the characters first
    except yaml.YAMLError as exc:  # a control character: ReaderError names its position
        raise FormError(f"not valid YAML: {exc}", file=file) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise FormError("the file is empty", file=file, line=1, col=1)
        return _convert(loader, node, file, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise FormError(f"not valid YAML: {exc.problem or exc.context}", file=file,
                        line=line, col=col) from None
    except yaml.YAMLError as exc:
        raise FormError(f"not valid YAML: {exc}", file=file) from None
    finally:
        loader.dispose()


def _convert(loader: _Loader, node: yaml.Node, file: str, seen_nodes: set[int]) -> YNode:
    loc = _loc(file, node)
    if id(node) in seen_nodes:  # an alias (*name): refused, it would repeat or loop
        raise FormError("aliases (*name) are not allowed", file=file, line=loc.line,
                        col=loc.col)
    seen_nodes.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _PLAIN_TAGS:
            raise FormError(f"tag {node.tag!r} is not allowed", file=file, line=loc.line,
                            col=loc.col)
        try:
            value = loader.construct_object(node)
        except (ValueError, OverflowError):  # 2026-02-30, an integer of 5,000 digits
            raise FormError(f"cannot read {node.value[:40]!r}", file=file, line=loc.line,
                            col=loc.col) from None
        return YScalar(value, loc, node.style)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise FormError(f"tag {node.tag!r} is not allowed", file=file, line=loc.line,
                            col=loc.col)
        return YSeq(tuple(_convert(loader, item, file, seen_nodes) for item in node.value), loc)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            raise FormError(f"tag {node.tag!r} is not allowed", file=file, line=loc.line,
                            col=loc.col)
        entries: list[tuple[YScalar, YNode]] = []
        seen: dict[object, Location] = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, file, seen_nodes)
            if not isinstance(key, YScalar) or not isinstance(key.value, str):
                raise FormError("keys must be plain words", file=file, line=key.loc.line,
                                col=key.loc.col)
            if key.value in seen:
                first = seen[key.value]
                raise FormError(
                    f"duplicate key {key.value!r} (first at line {first.line})",
                    file=file, line=key.loc.line, col=key.loc.col,
                )
            seen[key.value] = key.loc
            entries.append((key, _convert(loader, value_node, file, seen_nodes)))
        return YMap(tuple(entries), loc)
    raise FormError("unsupported YAML node", file=file, line=loc.line, col=loc.col)
