"""`python -m screener` is the same as the `screener` command."""

from screener.launcher import main

raise SystemExit(main())
