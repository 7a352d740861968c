"""Reading learners' progress from notebook metadata (``metadata.course.progress``)."""
