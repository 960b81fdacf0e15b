"""Located YAML values: every scalar, list and mapping knows its file, line and column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a YAML file (1-based line and column): where a value or an expression starts."""

    file: str
    line: int
    col: int

    def shifted(self, lineno: int, col_offset: int) -> Location:
        """The location of a token at `lineno` (1-based) / `col_offset` (0-based) of the text."""
        if lineno <= 1:
            return Location(self.file, self.line, self.col + col_offset)
        return Location(self.file, self.line + lineno - 1, col_offset + 1)


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
    """A mapping (keys in file order) and where it starts."""

    entries: tuple[tuple[YScalar, YNode], ...]
    loc: Location

    def get(self, key: str) -> YNode | None:
        """The value node under `key`, or None."""
        for k, v in self.entries:
            if k.value == key:
                return v
        return None

    def keys(self) -> list[YScalar]:
        """The key scalars, in file order."""
        return [k for k, _ in self.entries]


YNode = YScalar | YSeq | YMap


def plain(node: YNode) -> object:
    """The node as plain Python values (dict / list / scalars), positions dropped."""
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [plain(item) for item in node.items]
    return {k.value: plain(v) for k, v in node.entries}
