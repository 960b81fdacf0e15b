"""The desktop app. The only package that imports PySide6; a thin layer over services."""
