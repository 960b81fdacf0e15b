"""Faker with the locales the demo data uses (replaces pyinstaller-hooks-contrib's hook, which
collects all of them: 13 MB). A frozen Faker finds its locales by listing the providers'
`*/__init__.py` files on disk, so those are collected as data too."""

from __future__ import annotations

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

from freeze.contents import FAKER_LOCALES


def _wanted(parts: list[str]) -> bool:
    # faker.providers.<provider>.<locale>[...]: keep only the locales we use
    at = parts.index("providers") if "providers" in parts else -1
    return at < 0 or len(parts) <= at + 2 or parts[at + 2] in FAKER_LOCALES


hiddenimports = [m for m in collect_submodules("faker.providers") if _wanted(m.split("."))]
datas = collect_data_files("text_unidecode") + [
    (src, dest) for src, dest in collect_data_files("faker.providers", include_py_files=True)
    if _wanted(dest.replace("\\", "/").split("/"))
]
