"""`python -m screener.ui.screenshots OUTDIR`."""

import sys

from screener.ui.screenshots.windows import main

sys.exit(main())
