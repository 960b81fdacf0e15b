"""Every bilingual text of resources/*.yaml is exactly `{en: ..., es: ...}`, both filled in.

Inside a YAML flow mapping an unquoted comma ends the value: `{en: Court papers (case number,
next court date), es: ...}` loads as "Court papers (case number" plus a stray key, and the
packet printed the cut label. Neither the rules loader nor the packets check these files'
texts, so this test does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def bilingual_texts(node: object, where: str) -> Iterator[tuple[str, dict[object, object]]]:
    """Each mapping under `node` that has an `en` or `es` key, with its key path."""
    if isinstance(node, dict):
        if "en" in node or "es" in node:
            yield where, node
            return
        for key, value in node.items():
            yield from bilingual_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from bilingual_texts(item, f"{where}[{index}]")


@pytest.mark.parametrize("name", ["documents.yaml", "programs.yaml"])
def test_every_resource_text_is_english_and_spanish_only(name: str) -> None:
    data = yaml.safe_load((RESOURCES / name).read_text(encoding="utf-8"))
    texts = list(bilingual_texts(data, name))
    assert texts, f"{name}: no {{en, es}} texts found"
    for where, text in texts:
        assert set(text) == {"en", "es"}, f"{where}: keys {sorted(map(str, text))} (quote it?)"
        for lang in ("en", "es"):
            value = text[lang]
            assert isinstance(value, str) and value.strip(), f"{where}.{lang} is empty"


def test_every_document_has_a_label() -> None:
    documents = yaml.safe_load((RESOURCES / "documents.yaml").read_text(encoding="utf-8"))
    for doc_id, label in documents.items():
        assert isinstance(label, dict), f"documents.yaml: {doc_id} has no {{en, es}} label"
