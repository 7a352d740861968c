"""mlp: a small MLOps platform (the course gives this file; the milestones add one module each)."""
