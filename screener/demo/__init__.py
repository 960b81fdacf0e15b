"""Synthetic clients for `screener --demo`, `screener demo-data` and the benchmarks."""
