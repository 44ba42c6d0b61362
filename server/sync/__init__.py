"""Offline clients: idempotency keys for single requests and the batch sync endpoint."""
