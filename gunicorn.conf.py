"""gunicorn settings, from the environment (PORT, WEB_CONCURRENCY, WEB_THREADS)."""
import logging
import multiprocessing
import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", 4))
worker_class = "gthread"
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = os.environ.get("ACCESS_LOG", "-")
# Uploads from slow phones arrive slowly; don't let one tie a worker up forever.
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The app's own log lines (server.*, INFO and up) on stderr beside gunicorn's: configured here,
# once for the master and the workers it forks, not in create_app (which every test calls).
logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s")
