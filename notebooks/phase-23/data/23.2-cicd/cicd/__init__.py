"""cicd: a small CI/CD server (the course gives this file)."""
