"""The stored records services take and return. They are defined in `screener.domain`;
`__init__.pyi` names the ones `screener.services` offers (lazy_loader's stubs import only from
the package's own modules, hence this one; `*` so that each name is still written once)."""

from screener.domain import *  # noqa: F403
