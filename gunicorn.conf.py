"""Gunicorn settings for ClaimTracker: `gunicorn -c gunicorn.conf.py claimtracker.wsgi`.

Each value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_THREADS, GUNICORN_TIMEOUT). Bound to loopback by default: put a TLS-terminating
proxy (nginx, a load balancer) in front and set DJANGO_SECURE_PROXY_SSL_HEADER=1.
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


wsgi_app = "claimtracker.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threaded workers: a thread waiting on PostgreSQL or streaming a long export does not
# hold up the others, and the worker keeps answering the arbiter's heartbeat while a
# multi-minute export streams (a sync worker would be killed at `timeout`). Each thread
# keeps its own database connection (CONN_MAX_AGE), so workers x threads connections.
worker_class = "gthread"
workers = _int("GUNICORN_WORKERS", 2)
threads = _int("GUNICORN_THREADS", 4)

# A worker that stops answering the arbiter for this long is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 120)
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so that slow growth (fragmentation, caches) cannot
# accumulate; the jitter keeps them from restarting all at once.
max_requests = 5000
max_requests_jitter = 500

# The heartbeat file on tmpfs: a busy disk must not make a healthy worker look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Requests are logged by the proxy; errors go to stderr.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")

# Only the local proxy may set X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
