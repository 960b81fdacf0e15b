"""The use cases of Screener: the one API that `screener.ui` and `screener.cli` call.

Nothing here imports Qt. Functions take plain values and return frozen dataclasses.

The public names are listed once, in `__init__.pyi`, and loaded on first use by lazy_loader:
`services.open_session` imports the session module and what it needs, not the rules, forms,
packets and sync machinery. The desktop app shows its sign-in window before any of that is
loaded (start-up figure in bench/RESULTS.md). Type checkers read the stub as plain imports.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
