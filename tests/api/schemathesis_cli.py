"""The API contract checked by schemathesis' own CLI against a real server (`make fuzz`).

Migrates a fresh SQLite database in a temporary folder, loads the seed content
(load_network_data), gives IOM a focal point with a personal token, serves the site with
daphne on a free port and runs, from the project folder (so schemathesis.toml applies),

    schemathesis run <url>/api/v1/openapi.json --checks all --max-examples N

twice: anonymously, then with `Authorization: Bearer <token>`. Exits non-zero if either run
finds a failure.

    .venv/bin/python tests/api/schemathesis_cli.py [--max-examples 200] [--seed 1]
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _seeded_database(folder):
    """Migrate and seed a database in `folder`; return the environment that serves it and the
    raw token of IOM's focal point."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
    env["DJANGO_SETTINGS_MODULE"] = "network.settings.test"
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from members.models import Organization
    from members.services import focal_point_assign, token_create
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    call_command("load_network_data", verbosity=0)
    person = UserFactory(email="schemathesis@example.org", display_name="Schemathesis")
    focal_point_assign(organization=Organization.objects.get(slug="iom"), user=person, by=person)
    token = token_create(user=person, name="schemathesis")[1]
    connections.close_all()
    return env, token


def _serve(env, port):
    server = subprocess.Popen(
        [BIN / "daphne", "-b", "127.0.0.1", "-p", str(port), "network.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
    for _ in range(120):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return server, url
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"daphne did not answer {url} within a minute")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=200)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="schemathesis-") as folder:
        env, token = _seeded_database(folder)
        server, url = _serve(env, _free_port())
        try:
            command = [BIN / "schemathesis", "run", url, "--checks", "all", "--workers", "1"]
            command += ["--max-examples", str(args.max_examples)]
            if args.seed is not None:
                command += ["--seed", str(args.seed)]
            failed = []
            for who, extra in [
                ("anonymous", []),
                ("token", ["-H", f"Authorization: Bearer {token}"]),
            ]:
                print(f"\n=== schemathesis, {who}: {args.max_examples} examples per operation")
                if subprocess.run(command + extra, cwd=ROOT).returncode:
                    failed.append(who)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if failed:
        raise SystemExit(f"schemathesis found failures ({', '.join(failed)})")
    print("schemathesis: no failure, anonymously or with a token")


if __name__ == "__main__":
    main()
