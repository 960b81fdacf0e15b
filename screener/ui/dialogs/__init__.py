"""Dialogs of the desktop app, one per module."""
