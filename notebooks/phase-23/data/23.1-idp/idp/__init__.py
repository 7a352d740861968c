"""idp: a small Internal Developer Platform backend (the course gives this file)."""
