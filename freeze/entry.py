"""The frozen app's program: the `screener` command (with no sub-command, the desktop app)."""

from screener.launcher import main

raise SystemExit(main())
