"""Just enough ELF reading for the build: the libraries a file links, and where a symbol's
bytes are. (PyInstaller's Linux look-up runs `ldd`, which lists indirect libraries too.)"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_SHT_DYNSYM, _SHT_DYNAMIC, _DT_NEEDED = 11, 6, 1


@dataclass(frozen=True)
class Section:
    """One section header: type, address, file offset, size, linked section."""

    kind: int
    address: int
    offset: int
    size: int
    link: int


@dataclass(frozen=True)
class Elf:
    """An ELF file's bytes, word size and byte order, and its section headers."""

    data: bytes
    wide: bool
    order: str
    sections: tuple[Section, ...]

    @classmethod
    def parse(cls, data: bytes) -> Elf | None:
        """None when `data` is not ELF."""
        if data[:4] != b"\x7fELF":
            return None
        wide, order = data[4] == 2, "<" if data[5] == 1 else ">"
        if wide:
            (shoff,) = struct.unpack_from(order + "Q", data, 0x28)
            shentsize, shnum = struct.unpack_from(order + "HH", data, 0x3A)
            layout = order + "IIQQQQIIQQ"
        else:
            (shoff,) = struct.unpack_from(order + "I", data, 0x20)
            shentsize, shnum = struct.unpack_from(order + "HH", data, 0x2E)
            layout = order + "IIIIIIIIII"
        sections = []
        for i in range(shnum):
            _, kind, _, address, offset, size, link, *_ = struct.unpack_from(
                layout, data, shoff + i * shentsize)
            sections.append(Section(kind, address, offset, size, link))
        return cls(data, wide, order, tuple(sections))

    def string(self, table: Section, at: int) -> str:
        """A NUL-terminated string from a string table section."""
        start = table.offset + at
        return self.data[start:self.data.index(b"\0", start)].decode("utf-8", "replace")

    def needed(self) -> list[str]:
        """The DT_NEEDED entries: the libraries this file links directly."""
        entry = self.order + ("qQ" if self.wide else "iI")
        step = struct.calcsize(entry)
        names = []
        for section in self.sections:
            if section.kind != _SHT_DYNAMIC:
                continue
            strings = self.sections[section.link]
            for at in range(section.offset, section.offset + section.size, step):
                tag, value = struct.unpack_from(entry, self.data, at)
                if tag == 0:
                    break
                if tag == _DT_NEEDED:
                    names.append(self.string(strings, value))
        return names

    def symbols(self) -> dict[str, tuple[int, int]]:
        """Exported symbols defined here: name -> (file offset, size)."""
        layout = self.order + ("IBBHQQ" if self.wide else "IIIBBH")
        step = struct.calcsize(layout)
        found: dict[str, tuple[int, int]] = {}
        for section in self.sections:
            if section.kind != _SHT_DYNSYM:
                continue
            strings = self.sections[section.link]
            for at in range(section.offset, section.offset + section.size, step):
                fields = struct.unpack_from(layout, self.data, at)
                if self.wide:
                    name, _, _, index, value, size = fields
                else:
                    name, value, size, _, _, index = fields
                if name and 0 < index < len(self.sections):
                    home = self.sections[index]
                    found[self.string(strings, name)] = (value - home.address + home.offset, size)
        return found


def needed(path: str) -> list[str]:
    """The libraries the ELF file at `path` links directly (empty if it is not ELF)."""
    with open(path, "rb") as f:
        elf = Elf.parse(f.read())
    return elf.needed() if elf else []
