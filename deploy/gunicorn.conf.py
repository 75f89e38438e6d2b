"""gunicorn serves the pages (WSGI) behind nginx; uvicorn serves /ws/ (see deploy/nginx.conf
and the README's Deployment section). Sync workers: nginx buffers slow clients, so a worker
is busy only while Django works, and no middleware is handed to a thread as under ASGI."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# One per core: PostgreSQL and Redis share the cores. On the 2-core benchmark machine four
# workers served the pages no faster than two without the page cache (6 December 2026: /healthz
# 1,144 against 1,377 req/s, list pages within the run's noise, p99 no better; README).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load Django once and fork: workers share its memory and start fast.
preload_app = True
timeout = 30
graceful_timeout = 20
# No periodic worker restarts (max_requests): a restarted worker starts cold (templates compiled
# and connections opened again on its first requests), and at 1,000 requests/s a restart every
# 5,000 requests stalled a request for up to a second several times a minute. Nothing here is
# known to leak; a deploy restarts the workers anyway.
max_requests = 0
accesslog = None
errorlog = "-"
wsgi_app = "network.wsgi:application"
