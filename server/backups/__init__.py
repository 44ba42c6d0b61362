"""Backups that restore: `flask backup DEST` and `flask restore SRC` (service.py does the work, cli.py talks)."""
