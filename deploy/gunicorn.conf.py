"""gunicorn serves the pages (WSGI) behind nginx; daphne serves /ws/ (see deploy/nginx.conf
and the README's Deployment section). Sync workers: nginx buffers slow clients, so a worker
is busy only while Django works, and no middleware is handed to a thread as under ASGI."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two per core is the usual rule; the benchmark machine has 2 cores and runs 2.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load Django once and fork: workers share its memory and start fast.
preload_app = True
timeout = 30
graceful_timeout = 20
max_requests = 5000
max_requests_jitter = 500
accesslog = None
errorlog = "-"
wsgi_app = "network.wsgi:application"
