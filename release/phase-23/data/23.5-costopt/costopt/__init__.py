"""costopt: a small cloud cost optimizer (the course gives this file)."""
