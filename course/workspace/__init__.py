"""A learner's own copy of the course: starting it and bringing updates into it."""
