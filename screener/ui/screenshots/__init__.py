"""`python -m screener.ui.screenshots OUTDIR`: a PNG of every window, on demo data, in English
and Spanish. A developer's tool for reviewing layouts and translations (runs offscreen).

Importing this package does nothing; `__main__` runs `windows.main()`, which chooses the Qt
platform. Not part of the installed app (freeze/contents.py leaves it out).
"""
