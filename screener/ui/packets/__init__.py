"""Referral packets: choose programs, preview in memory, print or save."""
