"""The worker's side of a case: tracking by code and phone, their own applications, adding the materials asked
for, a forgotten code. Builds on cases/ and on intake/ (its blueprint and its 428 answer)."""
