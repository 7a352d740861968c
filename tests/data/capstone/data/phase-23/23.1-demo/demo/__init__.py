"""A demo platform: a catalogue of services and an API over it (the course gives this file)."""
