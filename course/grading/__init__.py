"""The classroom loop on nbgrader: release, autograde, feedback, grades, leak checks."""
