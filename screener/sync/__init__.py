"""Bundles and content packs: export, import and merge between field laptops and the office."""
