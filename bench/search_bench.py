"""In-process time and queries of /search/ for varied queries, page cache off (issue 20, item 3):
`PAGE_CACHE=false DATABASE_URL=… python bench/search_bench.py [--runs 5] [--explain QUERY]`.

Each query is asked once to warm the process, then `--runs` times; the table gives the median
and the slowest run per query and who asks (anonymous, a network member), and the queries
and their database time from one more run. `--explain` prints PostgreSQL's plans instead."""

import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.dev")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("PAGE_CACHE", "false")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from members.models import User  # noqa: E402

# Common and rare words, two-word phrases, countries and organizations of the large network
# (bench/load_data.py's vocabulary) and of the seed content.
QUERIES = [
    "labour",
    "trafficking",
    "begging",
    "children",
    "data",
    "migration border",
    "child trafficking",
    "labour exploitation",
    "forced marriage",
    "domestic labour",
    "debt bondage",
    "sexual exploitation",
    "victim identification referral",
    "forced labour children",
    "national referral mechanism",
    "fishing",
    "questionnaire",
    "Moldova",
    "Albania",
    "Kosovo",
    "North Macedonia",
    "Bosnia and Herzegovina",
    "UNICEF",
    "IOM",
    "Innocenti",
    "UNICEF Innocenti Research Centre",
    "International Organization for Migration",
    "Save the Children Denmark",
    "Sexual Labour Agency 0000",
    "Agency 0042",
    "Garcia",
    "Hana Eriksen",
    "kosvo",
    "zzyzx",
    "the and of",
]


TOTAL = re.compile(r'aria-live="polite">(?:More than )?(\d+) result')


def _ask(client, query, kind=""):
    params = {"q": query, **({"kind": kind} if kind else {})}
    started = time.perf_counter()
    response = client.get("/search/", params)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{query!r}: status {response.status_code}")
    return elapsed, response


def measure(runs):
    if settings.PAGE_CACHE:
        raise SystemExit("run with PAGE_CACHE=false")
    member = User.objects.get(email="load-person-00000@example.org")
    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(member)
    medians, worst = [], []
    print(f"{'query':24} {'who':9} {'hits':>6} {'queries':>7} {'median':>7} {'max':>7} {'sql':>6}")
    for query in QUERIES:
        for who, client in (("anonymous", anonymous), ("member", signed_in)):
            _ask(client, query)
            times = [_ask(client, query)[0] for _ in range(runs)]
            with CaptureQueriesContext(connection) as captured:
                _, response = _ask(client, query)
            sql = sum(float(q["time"]) for q in captured.captured_queries) * 1000
            median = statistics.median(times)
            medians.append(median)
            worst.append(max(times))
            hits = TOTAL.search(response.content.decode())[1]
            print(
                f"{query:24} {who:9} {hits:>6} {len(captured):>7} "
                f"{median:>7.1f} {max(times):>7.1f} {sql:>6.0f}"
            )
    print(
        f"\n{len(medians)} searches, {runs} runs each, on {connection.vendor}: median of medians "
        f"{statistics.median(medians):.1f} ms, slowest median {max(medians):.1f} ms, "
        f"slowest run {max(worst):.1f} ms"
    )


def explain(query):
    anonymous = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as captured:
        _ask(anonymous, query)
    slowest = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]
    for q in slowest:
        print(f"-- {float(q['time']) * 1000:.0f} ms\n{q['sql']}\n")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()), "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--explain", metavar="QUERY")
    args = parser.parse_args()
    if args.explain:
        explain(args.explain)
    else:
        measure(args.runs)
