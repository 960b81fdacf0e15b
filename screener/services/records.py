"""The stored records services take and return. They are defined in `screener.store.records`;
`__init__.pyi` names the ones `screener.services` offers."""

from screener.store.records import *  # noqa: F403
