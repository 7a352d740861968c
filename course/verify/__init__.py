"""Validating the generated course: run notebooks, grade submissions (used by tests and benchmarks)."""
