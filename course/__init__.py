"""The Python Roadmap course: generator, runtime widgets and classroom tooling."""

__version__ = "0.1.0"
