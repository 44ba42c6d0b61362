"""记工: the worker's own day log (issue 23) — attached to an application as a signed-off table, and backed up by a
worker signed in by phone code. The whole log is personal data: kept under DATA_KEY (models.py)."""
