"""Queries and time per page, in-process (run with manage.py shell < bench/profile_pages.py,
or `python bench/profile_pages.py [--pyinstrument URL]`): where the benchmark's pages spend."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.production")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import PAGES  # noqa: E402
from members.models import User  # noqa: E402


def main():
    member = User.objects.get(email="load-person-00000@example.org")
    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(member)
    if len(sys.argv) > 2 and sys.argv[1] == "--pyinstrument":
        from pyinstrument import Profiler

        client = signed_in if "--signed-in" in sys.argv else anonymous
        client.get(sys.argv[2])
        with Profiler() as profiler:
            for _ in range(5):
                client.get(sys.argv[2])
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print(f"{'page':24} {'who':9} {'status':>6} {'queries':>7} {'ms':>7} {'sql ms':>7}")
    for url in PAGES:
        for who, client in (("anonymous", anonymous), ("member", signed_in)):
            client.get(url)  # warm caches
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - started) * 1000
            sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
            print(
                f"{url:24} {who:9} {response.status_code:>6} {len(queries):>7} "
                f"{elapsed:>7.0f} {sql:>7.0f}"
            )


if __name__ == "__main__":
    main()
