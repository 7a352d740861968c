"""A teacher's private overlay: hidden tests, variants, points and rubrics of one class, merged into
``source/`` and ``release/`` of a class folder, never into the public self-study edition."""
