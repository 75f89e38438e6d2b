"""`make bench ARGS=--growth` (issue 20, item 4): does a page's time grow with the tables?

Each page is asked in-process, without the page cache, on the large network
(BENCH_DATABASE_URL) and on one four times its size (BENCH_XLARGE_DATABASE_URL,
`generate_load_data --scale xlarge`, generated when missing). Per page and viewer: the median
and the fastest of seven requests after one that warms the fragment caches (the fastest is
the one least disturbed by anything else on the machine), and the number of queries. The two
networks take turns three times and each keeps its fastest round. A list
page or a search that takes more than 25% longer on the larger network is flagged: a paginated
page should not depend on how many rows the table holds.

The measuring runs in a child process per database (`growth.py --measure`), so each has its
own Django set up on its own database; the cache is cleared before and after, since both
share Redis.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.25
RUNS = 7
ROUNDS = 3
SEARCHES = ["labour", "child trafficking", "Moldova", "UNICEF", "data collection", "zzyzx"]
URLS = [
    "/",
    "/members/",
    "/members/?page=5",
    "/people/",
    "/agenda/",
    "/agenda/?page=3",
    "/gaps/",
    "/gaps/?page=5",
    "/projects/",
    "/projects/?page=5",
    "/events/",
    "/events/?page=3",
    "/library/",
    "/library/?page=5",
    "/decisions/",
    "/data/",
    "/countries/",
    "/groups/",
    "/api/v1/gaps",
    "/api/v1/gaps?page=5",
    *(f"/search/?q={term.replace(' ', '+')}" for term in SEARCHES),
]


def measure():
    """In the child: {url: {who: {"ms": median, "queries": n, "status": code}}} as JSON."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from members.models import User

    cache.clear()
    anonymous, member = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    member.force_login(User.objects.get(email="load-person-00000@example.org"))
    found = {}
    for url in URLS:
        for who, client in (("anonymous", anonymous), ("member", member)):
            client.get(url)
            times = []
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
            found.setdefault(url, {})[who] = {
                "ms": round(min(times), 1),
                "median_ms": round(statistics.median(times), 1),
                "queries": len(queries),
                "status": response.status_code,
            }
    # Both networks share the benchmark's Redis database: leave nothing of this one behind
    # (a cached list of choices would be served to the other).
    cache.clear()
    print(json.dumps(found))


def run(ensure_database, env, say, large_url, xlarge_url):
    """In bench/run.py: measure both networks and return the report's rows."""
    import subprocess

    ensure_database(xlarge_url, "xlarge")
    measured = {}
    # The networks take turns, ROUNDS times each, and each page keeps its fastest time of all
    # rounds: on a shared machine one network measured in a slow minute and the other in a
    # quick one disagreed by up to 30 points on 10 ms pages.
    for turn in range(ROUNDS):
        for scale, url in (("large", large_url), ("xlarge", xlarge_url)):
            say(f"growth: the {scale} network in-process, page cache off ({turn + 1}/{ROUNDS})")
            child_env = {**env(url), "PAGE_CACHE": "false"}
            out = subprocess.run(
                [sys.executable, __file__, "--measure"],
                env=child_env,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                raise SystemExit(f"growth --measure failed on {scale}:\n{out.stderr[-3000:]}")
            found = json.loads(out.stdout.strip().splitlines()[-1])
            kept = measured.setdefault(scale, found)
            for page, by_who in found.items():
                for who, figures in by_who.items():
                    if figures["ms"] < kept[page][who]["ms"]:
                        kept[page][who] = figures
    rows = {}
    for url in URLS:
        for who in ("anonymous", "member"):
            large, xlarge = measured["large"][url][who], measured["xlarge"][url][who]
            growth = xlarge["ms"] / large["ms"] if large["ms"] else None
            rows.setdefault(url, {})[who] = {
                "large_ms": large["ms"],
                "xlarge_ms": xlarge["ms"],
                "growth": round(growth, 2) if growth else None,
                "queries": [large["queries"], xlarge["queries"]],
                "status": [large["status"], xlarge["status"]],
                "over_limit": bool(growth and growth > LIMIT),
            }
    return rows


def table(rows):
    from report import side_by_side  # bench/ is this script's directory

    def cell(r, who):
        flag = "!" if r["over_limit"] else " "
        queries = "{}/{}".format(*r["queries"])
        change = (r["growth"] or 0) * 100 - 100
        return f"{r['large_ms']:7.1f} {r['xlarge_ms']:7.1f} {change:+6.0f}%{flag}{queries:>8}"

    heading = f"{'large':>7} {'xlarge':>7} {'growth':>7} {'queries':>8}"
    title = "growth (in-process, ms)"
    lines = side_by_side(title, rows, cell, width=26, side=32, heading=heading, cut=True)
    lines.append(f"! grew by more than {round((LIMIT - 1) * 100)}% from large to xlarge")
    return "\n".join(lines)


if __name__ == "__main__" and "--measure" in sys.argv:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.production")
    measure()
