"""The offline batch endpoint: ids, payload hashes, replays; domains register their operations."""
