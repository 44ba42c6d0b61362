"""Legal-aid applications: sent once from the site (offline first), tracked by code, read by their handlers."""
