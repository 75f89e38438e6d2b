"""`make bench`: the large synthetic network served as production would, measured with wrk.

1. PostgreSQL database `network_bench` (BENCH_DATABASE_URL): migrated and filled by
   `bench/generate_load_data.py --scale large` when missing, reused when present.
2. `network.settings.production` in the layout of deploy/: nginx in front, gunicorn (the sync
   workers of deploy/gunicorn.conf.py) for pages, two uvicorn processes for /ws/, all sharing
   Redis (BENCH_REDIS_URL).
3. wrk, 10 s at 16 connections, on each page anonymous and signed in (a real session cookie
   of a network member); /healthz and / straight from gunicorn (WSGI) and from one uvicorn
   (ASGI), to compare; the same pages with varied URLs (bench/varied.py); then the WebSocket
   fan-out (bench/wsbench.py). --pages-only (fixed and varied URLs), --varied-only,
   --servers-only and --sockets-only run one part. --two-nodes serves it all from two
   application nodes (bench/results-two-nodes.json); --growth compares in-process times on
   the large and the xlarge network (bench/growth.py); BENCH_LANGUAGE=fr asks in French.
4. A table on stdout and bench/results.json.

Everything listens on loopback only, and every process it starts it stops.
"""

import json
import os
import re
import runpy
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pages import PAGES  # bench/ is this script's directory
from report import WHO, refused, side_by_side

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/network_bench"
)
XLARGE_DATABASE_URL = os.environ.get(
    "BENCH_XLARGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/network_bench_xlarge"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
# BENCH_PORT moves the four ports (nginx, gunicorn, two uvicorn) so two runs can share a machine.
_BASE = int(os.environ.get("BENCH_PORT", "18480"))
NGINX_PORT, WSGI_PORT, ASGI_PORTS = _BASE, _BASE + 1, (_BASE + 2, _BASE + 3)
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = "16"
WS_CLIENTS = 500
# Writes per second of the busy network (--busy); a lower rate compares two runs at the same
# write load (at 10 the writer is held back by how fast its own requests are answered).
WRITE_RATE = os.environ.get("BENCH_WRITE_RATE", "10")
# Messages per second: 20 is the figure; the lower ones find the highest rate whose
# p99 stays under 100 ms.
WS_RATES = [2, 5, 10, 20, 50]
MEMBER_EMAIL = "load-person-00000@example.org"
# BENCH_LANGUAGE=fr measures every page in French (issue 19: the cache keys hold the language).
LANGUAGE = os.environ.get("BENCH_LANGUAGE", "")
# BENCH_GZIP=1 asks for gzipped answers, as browsers do (the server then compresses each one).
GZIP = os.environ.get("BENCH_GZIP", "") == "1"


def env(database_url=None):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network.settings.production",
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: nothing to redirect to.
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url or DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "PYTHONPATH": str(ROOT),
    }


def manage(*args, capture=False, database_url=None):
    cmd = [PYTHON, str(ROOT / "manage.py"), *args]
    run_env = env(database_url)
    if capture:
        return subprocess.run(cmd, env=run_env, check=True, capture_output=True, text=True).stdout
    subprocess.run(cmd, env=run_env, check=True)
    return ""


def say(text):
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


# 1. The data.


def ensure_database(database_url=DATABASE_URL, scale="large"):
    import psycopg

    url = urlsplit(database_url)
    name = url.path.lstrip("/")
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            say(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--noinput", "-v0", database_url=database_url)
    with psycopg.connect(database_url) as conn:
        loaded = conn.execute(
            "SELECT 1 FROM members_organization WHERE slug = 'load-org-0000'"
        ).fetchone()
    if loaded:
        say(f"reusing the {scale} network in {name}")
        return None
    say(f"generating the {scale} network (bench/generate_load_data.py --scale {scale})")
    started = time.monotonic()
    script = ROOT / "bench" / "generate_load_data.py"
    subprocess.run([PYTHON, str(script), "--scale", scale], env=env(database_url), check=True)
    return round(time.monotonic() - started, 1)


SESSIONS_SCRIPT = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from members.enums import OrganizationStatus
from members.models import User

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

member = User.objects.get(email=%(member)r)
# Network members whose role needs no second factor: a lead or moderator without TOTP is
# refused by the socket (4403), as by every page.
people = [
    u for u in User.objects.filter(
        is_active=True, is_staff=False, email__startswith="load-",
        memberships__organization__status=OrganizationStatus.MEMBER,
    ).distinct().order_by("pk")[:%(clients)d * 2]
    if not u.has_perm("members.needs_mfa")
][:%(clients)d]
print(json.dumps({"member": session(member), "clients": [session(u) for u in people]}))
"""


def sessions():
    out = manage(
        "shell",
        "-c",
        SESSIONS_SCRIPT % {"member": MEMBER_EMAIL, "clients": WS_CLIENTS},
        capture=True,
    )
    return json.loads(out.strip().splitlines()[-1])


# 2. The servers.


# --two-nodes (issue 20, item 7): two complete application nodes, each a gunicorn (one
# worker) and a uvicorn on ports of its own, behind the one nginx, sharing PostgreSQL and
# Redis. Node A is the single layout's gunicorn and first uvicorn; node B adds a gunicorn.
TWO_NODES = "--two-nodes" in sys.argv
NODE_B_WSGI_PORT = _BASE + 4
# The gunicorn workers deploy/gunicorn.conf.py starts here (WEB_CONCURRENCY overrides); two
# nodes have them between them.
WORKERS = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["workers"]
PROCFILE_COMMAND = runpy.run_path(str(ROOT / "deploy" / "procfile.py"))["command"]
NODE_WORKERS = max(1, WORKERS // 2) if TWO_NODES else WORKERS


class Servers:
    def __init__(self):
        self.procs = []

    def start(self, name, cmd):
        log = open(VAR / f"{name}.log", "w")  # noqa: SIM115 -- closed with the process
        proc = subprocess.Popen(cmd, env=env(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append((name, proc, log))
        return proc

    def nginx_conf(self):
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        conf = conf.replace("pid /run/network-nginx.pid;", f"pid {VAR}/nginx.pid;")
        conf = conf.replace(
            "error_log /var/log/nginx/network-error.log warn;",
            f"error_log {VAR}/nginx-error.log warn;",
        )
        conf = conf.replace("listen 80;", f"listen 127.0.0.1:{NGINX_PORT};")
        wsgi = f"server 127.0.0.1:{WSGI_PORT};"
        if TWO_NODES:
            wsgi += f"\n        server 127.0.0.1:{NODE_B_WSGI_PORT};"
        conf = conf.replace("server 127.0.0.1:8001;", wsgi)
        conf = conf.replace("127.0.0.1:8002", f"127.0.0.1:{ASGI_PORTS[0]}")
        conf = conf.replace("127.0.0.1:8003", f"127.0.0.1:{ASGI_PORTS[1]}")
        conf = conf.replace("/srv/network/staticfiles/", f"{ROOT}/staticfiles/")
        # Temporary files in our own directory, not the system nginx's.
        temp = "".join(
            f"    {kind}_temp_path {VAR}/nginx-{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = conf.replace("http {\n", "http {\n" + temp, 1)
        path = VAR / "nginx.conf"
        path.write_text(conf)
        return path

    def bare(self):
        """The ceiling (bench/bare_broadcast.py): two bare broadcast processes sharing Redis on
        the socket servers' ports, behind the same nginx, no Django."""
        for port in ASGI_PORTS:
            self.start(
                f"bare-{port}",
                [
                    PYTHON,
                    str(ROOT / "bench" / "bare_broadcast.py"),
                    *("--port", str(port), "--redis", REDIS_URL),
                ],
            )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.start("nginx", [nginx, "-c", str(self.nginx_conf()), "-g", "daemon off;"])
        for port in ASGI_PORTS:
            wait_for(f"http://127.0.0.1:{port}/healthz")
        wait_for_port(NGINX_PORT)

    def up(self):
        wsgi_ports = (WSGI_PORT, NODE_B_WSGI_PORT) if TWO_NODES else (WSGI_PORT,)
        for port in wsgi_ports:
            self.start(
                f"gunicorn-{port}",
                [
                    str(BIN / "gunicorn"),
                    "-c",
                    str(ROOT / "deploy" / "gunicorn.conf.py"),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(NODE_WORKERS),
                ],
            )
        for port in ASGI_PORTS:
            self.start(
                f"uvicorn-{port}",
                # As deploy/Procfile runs the socket servers.
                [str(BIN / "uvicorn"), *PROCFILE_COMMAND("sockets1", port=port)[1:]],
            )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.start("nginx", [nginx, "-c", str(self.nginx_conf()), "-g", "daemon off;"])
        for port in (*wsgi_ports, *ASGI_PORTS, NGINX_PORT):
            wait_for(f"http://127.0.0.1:{port}/healthz")

    def down(self):
        for _name, proc, log in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
            log.close()


def wait_for(url, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 -- loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def wait_for_port(port, timeout=30):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"port {port} did not open within {timeout} s")


# 3. Measuring.

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text or "")
    return float(match.group(1)) * UNITS[match.group(2)] if match else None


def cookies(session=None):
    """The Cookie header of a request: the session, and the language (BENCH_LANGUAGE=fr sets
    the switcher's cookie, which the load network's people follow: their profiles name none)."""
    parts = [f"sessionid={session}"] if session else []
    if LANGUAGE:
        parts.append(f"django_language={LANGUAGE}")
    return "; ".join(parts)


def wrk(path, cookie=None, duration=DURATION, port=NGINX_PORT, script=None):
    url = f"http://127.0.0.1:{port}{path}"
    # A long timeout: a slow page's latency is measured, not dropped as a timeout.
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--timeout", "30s", "--latency", url]
    if header := cookies(cookie):
        cmd[1:1] = ["-H", f"Cookie: {header}"]
    if GZIP:
        cmd[1:1] = ["-H", "Accept-Encoding: gzip"]
    if script:
        cmd[1:1] = ["-s", str(script)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout

    def found(pattern):
        # Line by line: "75.50%" in the thread statistics must not pass for the 50% row.
        match = re.search(pattern, out, re.MULTILINE)
        return match.group(1) if match else None

    result = {
        "rps": float(found(r"Requests/sec:\s+([\d.]+)") or 0),
        "p50_ms": _ms(found(r"^\s*50%\s+(\S+)")),
        "p99_ms": _ms(found(r"^\s*99%\s+(\S+)")),
        "requests": int(found(r"(\d+) requests in") or 0),
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non_2xx"] = int(errors.group(1)) if errors else 0
    if hits := re.search(r"page-cache-hits (\d+) of (\d+)", out):
        result["cache_hit_rate"] = round(int(hits.group(1)) / max(1, int(hits.group(2))), 3)
    return result


def check_pages(cookie):
    """Every page answers 200 both ways before it is measured: a fast 500 is no result."""
    for path in PAGES:
        for who, session in (("anonymous", None), ("member", cookie)):
            extra = {"Cookie": header} if (header := cookies(session)) else {}
            request = urllib.request.Request(f"http://127.0.0.1:{NGINX_PORT}{path}", headers=extra)
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                if response.status != 200:
                    raise SystemExit(f"{path} as {who} answered {response.status}")
                html = response.read().decode()
                if LANGUAGE and "<html" in html and f'<html lang="{LANGUAGE}"' not in html:
                    raise SystemExit(f"{path} as {who} is not in {LANGUAGE}")


def measure_pages(cookie):
    results = {}
    for who, session in (("anonymous", None), ("member", cookie)):
        for path in PAGES:
            wrk(path, session, duration="2s")  # warm the workers and caches
            results.setdefault(path, {})[who] = row = wrk(path, session)
            say(f"{path:20} {who:9} {row['rps']:8.1f} req/s  p99 {row['p99_ms']} ms")
    return results


WRITER_SCRIPT = """
import json
from events.models import EventPage
from network.agenda.models import ResearchPriority
from network.discussions.models import Topic
from projects.models import ResearchProject

topics = Topic.objects.select_related("room").filter(
    room__slug__startswith="load-", room__visibility="network"
).exclude(room__slug="load-bench")
print(json.dumps({
    "message": [t.get_absolute_url() for t in topics.order_by("pk")[:100]],
    "support": [p.get_absolute_url() for p in ResearchPriority.objects.order_by("pk")[:200]],
    "join": [p.get_absolute_url() for p in ResearchProject.objects.order_by("pk")[:300]],
    "register": [e.url for e in EventPage.objects.live().order_by("-pk")[:100]],
    "profile": ["/members/profile/"],
}))
"""


def measure_busy(keys):
    """Issue 20, item 5: the pages with the page cache on while bench/writer.py writes ten
    times a second through the real endpoints (which invalidate cached pages)."""
    out = manage("shell", "-c", WRITER_SCRIPT, capture=True)
    plan = {
        # Not the measured member: a profile edit must not change the pages wrk reads as them.
        "sessions": keys["clients"][1:51],
        "targets": json.loads(out.strip().splitlines()[-1]),
    }
    (VAR / "writer.json").write_text(json.dumps(plan))
    say(f"busy network: bench/writer.py posts {WRITE_RATE} writes/s while wrk reads the pages")
    writer = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "writer.py"), "--base", f"http://127.0.0.1:{NGINX_PORT}",
         "--plan", str(VAR / "writer.json"), "--rate", WRITE_RATE, "--seconds", "3600"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        pages = measure_pages(keys["member"])
    finally:
        writer.send_signal(signal.SIGTERM)
        written = writer.communicate(timeout=60)[0]
    writer_counts = json.loads(written.strip().splitlines()[-1])
    return {"pages": pages, "writer": {"rate_asked": float(WRITE_RATE), **writer_counts}}


VARIED_SCRIPT = """
import json, sys
sys.path.insert(0, %(bench)r)
import varied
print(json.dumps(varied.urls()))
"""


def measure_varied(cookie):
    """Issue 20, item 2: each list page and the search with URLs that rotate (bench/varied.py),
    so that the page cache mostly misses; the hit rate is reported with the figures."""
    import varied  # bench/ is this script's directory

    out = manage("shell", "-c", VARIED_SCRIPT % {"bench": str(ROOT / "bench")}, capture=True)
    found = json.loads(out.strip().splitlines()[-1])
    results = {}
    for who, session in (("anonymous", None), ("member", cookie)):
        for path, paths in found.items():
            script = VAR / f"varied{path.replace('/', '-')}.lua"
            script.write_text(varied.lua(paths))
            results.setdefault(path, {})[who] = row = wrk(path, session, script=script)
            say(
                f"varied {path:14} {who:9} {len(paths):4d} URLs {row['rps']:8.1f} req/s  "
                f"p99 {row['p99_ms']} ms  page cache hits {row.get('cache_hit_rate')}"
            )
    return results


def varied_table(varied, pages):
    base = {who: pages.get("/healthz", {}).get(who, {}).get("rps") for who in WHO}

    def cell(r, who):
        share = f"{r['rps'] / base[who] * 100:6.0f}%" if base[who] else "      -"
        hits = (r.get("cache_hit_rate") or 0) * 100
        return (
            f"{r['rps']:8.1f} {r['p50_ms'] or 0:7.1f} {r['p99_ms'] or 0:7.1f} {share} {hits:5.0f}%"
            + refused(r)
        )

    heading = f"{'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'share':>7} {'hits':>6}"
    lines = side_by_side("varied URLs", varied, cell, width=20, side=41, heading=heading)
    return "\n".join(lines)


SERVER_PAGES = ["/healthz", "/"]


def measure_servers():
    """Item 14 of issue 8: the same pages straight from gunicorn (WSGI, WORKERS sync workers)
    and from one uvicorn process (ASGI, which hands each synchronous middleware and view to a
    thread), anonymous. Per process is the fair comparison: gunicorn's figure is for all."""
    servers = {
        f"gunicorn (WSGI, {WORKERS} workers)": (WSGI_PORT, WORKERS),
        "uvicorn (ASGI, 1 process)": (ASGI_PORTS[0], 1),
    }
    results = {}
    for name, (port, processes) in servers.items():
        for path in SERVER_PAGES:
            wrk(path, duration="2s", port=port)
            row = wrk(path, port=port)
            row["rps_per_process"] = round(row["rps"] / processes, 1)
            results.setdefault(name, {})[path] = row
            say(f"{name:28} {path:10} {row['rps']:8.1f} req/s  p99 {row['p99_ms']} ms")
    return results


def measure_sockets(clients):
    import wsbench  # bench/ is this script's directory

    return wsbench.run(
        f"ws://127.0.0.1:{NGINX_PORT}/ws/discussions/load-bench/",
        f"http://127.0.0.1:{NGINX_PORT}",
        clients,
        WS_RATES,
    )


# 4. Reporting.


def table(pages):
    """The pages' table; notes each figure's share of /healthz's rate in it."""
    base = {who: pages["/healthz"][who]["rps"] for who in WHO}

    def cell(r, who):
        r["share_of_healthz"] = round(r["rps"] / base[who], 3) if base[who] else None
        p50, p99 = r["p50_ms"] or 0.0, r["p99_ms"] or 0.0
        share = (r["share_of_healthz"] or 0) * 100
        return f"{r['rps']:8.1f} {p50:7.1f} {p99:7.1f} {share:6.0f}%" + refused(r)

    heading = f"{'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'share':>7}"
    return "\n".join(side_by_side("page", pages, cell, width=20, side=33, heading=heading))


def main_growth():
    import growth  # bench/ is this script's directory

    load = os.getloadavg()
    ensure_database()
    manage("collectstatic", "--noinput", "-v0")
    rows = growth.run(ensure_database, env, say, DATABASE_URL, XLARGE_DATABASE_URL)
    output = ROOT / os.environ.get("BENCH_RESULTS", "bench/results.json")
    results = json.loads(output.read_text()) if output.exists() else {}
    results["growth"] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_before": [round(x, 2) for x in load],
        "page_cache": "false",
        "pages": rows,
    }
    output.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(growth.table(rows))
    print(f"{output.relative_to(ROOT)} written")


def _measured(part):
    """Whether a part of the results holds figures (the fan-out's: any rate measured, or an
    error in measuring)."""
    if isinstance(part, dict) and "rates" in part:
        ceiling = part.get("bare_ceiling", {})
        return bool(part["rates"] or part["error"] or ceiling.get("rates") or ceiling.get("error"))
    return bool(part)


def highest(rows):
    """The highest rate whose every message reached everyone with p99 under 100 ms."""
    ok = [r["rate"] for r in rows if r["p99_ms"] < 100 and r["delivered_to_all"] == r["messages"]]
    return max(ok) if ok else None


def fanout_table(bare, ours):
    """The fan-out, rate by rate: the bare ceiling beside our servers."""
    lines = [
        f"{'fan-out':8} | {'bare broadcast (ceiling)':^30} | {'ours (2 uvicorn)':^30}",
        f"{'msg/s':>8} | {'reached all':>12} {'p50 ms':>8} {'p99 ms':>8} "
        f"| {'reached all':>12} {'p50 ms':>8} {'p99 ms':>8}",
    ]
    rates = sorted({r["rate"] for r in bare} | {r["rate"] for r in ours})
    for rate in rates:
        cells = []
        for rows in (bare, ours):
            row = next((r for r in rows if r["rate"] == rate), None)
            if row is None:
                cells.append(f"{'-':>12} {'-':>8} {'-':>8}")
            else:
                reached = f"{row['delivered_to_all']}/{row['messages']}"
                cells.append(f"{reached:>12} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f}")
        lines.append(f"{rate:8d} | {cells[0]} | {cells[1]}")
    return "\n".join(lines)


def main():
    VAR.mkdir(parents=True, exist_ok=True)
    if "--growth" in sys.argv:
        return main_growth()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk nginx-light")
    started = time.monotonic()
    generated = ensure_database()
    manage("collectstatic", "--noinput", "-v0")
    keys = sessions()
    servers = Servers()
    pages, varied, sockets, sockets_error, servers_compared = {}, {}, [], None, {}
    busy = None
    bare, bare_error, sockets_load, ours_load = [], None, None, None
    want_sockets = not {"--pages-only", "--servers-only", "--varied-only", "--busy"} & set(sys.argv)
    load = os.getloadavg()
    if want_sockets:
        # The ceiling first, on the same ports, before our servers start.
        sockets_load = [round(x, 2) for x in os.getloadavg()]
        say(f"bare broadcast ceiling: {len(keys['clients'])} clients, load {sockets_load}")
        bare_servers = Servers()
        try:
            bare_servers.bare()
            bare = measure_sockets(keys["clients"])
        except Exception as error:
            say(f"bare broadcast ceiling failed: {error!r}")
            bare_error = repr(error)
        finally:
            bare_servers.down()
    try:
        servers.up()
        check_pages(keys["member"])
        if "--servers-only" in sys.argv:
            servers_compared = measure_servers()
        elif "--varied-only" in sys.argv:
            varied = measure_varied(keys["member"])
        elif "--busy" in sys.argv:
            busy = measure_busy(keys)
        elif "--sockets-only" not in sys.argv:
            pages = measure_pages(keys["member"])
            varied = measure_varied(keys["member"])
            if not TWO_NODES:  # the comparison is of the one node's servers
                servers_compared = measure_servers()
        if want_sockets:
            ours_load = [round(x, 2) for x in os.getloadavg()]
            say(
                f"WebSocket fan-out: {len(keys['clients'])} clients over two uvicorn processes, "
                f"load {ours_load}"
            )
            try:
                sockets = measure_sockets(keys["clients"])
            except Exception as error:  # the page figures still count; say what failed
                say(f"WebSocket fan-out failed: {error!r}")
                sockets_error = repr(error)
    finally:
        servers.down()
    report = table(pages) if pages else ""
    if busy:
        report = "busy network, page cache on\n" + table(busy["pages"])
        report += "\nwriter: " + json.dumps(busy["writer"])
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "layout": (
            f"two nodes behind nginx, each gunicorn ({NODE_WORKERS} sync workers) + uvicorn, "
            "sharing PostgreSQL and Redis"
            if TWO_NODES
            else f"nginx → gunicorn ({WORKERS} sync workers) for pages, 2 uvicorn for /ws/"
        ),
        "page_cache": os.environ.get("PAGE_CACHE", "true"),
        "language": LANGUAGE or "en",
        "connections": int(CONNECTIONS),
        "duration": DURATION,
        "load_average_before": [round(x, 2) for x in load],
        "generate_seconds": generated,
        "pages": pages,
        "varied": varied,
        "servers": servers_compared,
        "websocket": {
            "clients": len(keys["clients"]),
            "rates": sockets,
            "highest_rate_p99_under_100ms": highest(sockets),
            "error": sockets_error,
            # Before the bare ceiling's run, and before ours (each takes about a minute).
            "load_average_before": sockets_load,
            "load_average_before_ours": ours_load,
            # The same clients against bench/bare_broadcast.py in the same layout (two
            # processes behind nginx sharing Redis): what the machine and the client allow.
            "bare_ceiling": {
                "rates": bare,
                "highest_rate_p99_under_100ms": highest(bare),
                "error": bare_error,
            },
        },
        "total_seconds": round(time.monotonic() - started, 1),
    }
    default = "bench/results-two-nodes.json" if TWO_NODES else "bench/results.json"
    output = ROOT / os.environ.get("BENCH_RESULTS", default)
    previous = json.loads(output.read_text()) if output.exists() else {}
    if busy:
        results["busy"] = {"load_average_before": results["load_average_before"], **busy}
    if os.environ.get("PAGE_CACHE", "true").lower() in ("false", "0", "no", "off"):
        # The same pages without the page cache: beside the cached ones, not instead.
        results["uncached"] = {
            key: results[key] for key in ("when", "load_average_before", "pages", "varied")
        }
        results["pages"], results["varied"] = {}, {}
        # The run's own time and load are in its part; the top level stays the cached run's.
        for key in ("when", "load_average_before", "page_cache", "total_seconds"):
            results[key] = previous.get(key, results[key])
    measured_apart = ("pages", "varied", "servers", "websocket", "uncached", "busy", "growth")
    for kept in measured_apart:  # what this run did not measure stays as the last run left it
        if kept in previous and not _measured(results.get(kept)):
            results[kept] = previous[kept]
    output.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(report)
    print()
    if varied:
        print(varied_table(varied, pages))
        print()
    for name, rows in servers_compared.items():
        for path, row in rows.items():
            print(
                f"{name:28} {path:10} {row['rps']:8.1f} req/s "
                f"({row['rps_per_process']} per process), p99 {row['p99_ms']} ms"
            )
    print()
    if sockets or bare:
        print(fanout_table(bare, sockets))
        print(
            f"highest rate with p99 < 100 ms: bare {highest(bare)} msg/s, "
            f"ours {highest(sockets)} msg/s (load average before: bare {sockets_load}, "
            f"ours {ours_load})"
        )
    print(f"{output.relative_to(ROOT)} written ({results['total_seconds']} s)")


if __name__ == "__main__":
    main()
