"""Production settings: refuse to start without secrets, pass the deploy checklist."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7#pR2!vQ9@mL4$zK8^wN1&bT6*yH3(cJ5)dF0-gS2+eA7_uV9=iO4%qW8~rE1"


def _run(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    # Production refuses a per-process cache and channel layer, so it always gets a Redis URL
    # (settings only name it; `check` does not connect).
    environment.update(
        DJANGO_SETTINGS_MODULE="network.settings.production",
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _run("check", ALLOWED_HOSTS="network.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production." in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = _run("check", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set in production." in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="network.example",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_queues_every_task_in_the_database():
    result = _run(
        "shell",
        "--no-imports",
        "-c",
        "from django_tasks import task_backends; print(type(task_backends['default']))",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="network.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "<class 'django_tasks_db.backend.DatabaseBackend'>\n"
