"""Tools for the accessibility and markup checks, installed by `make test` with `npm ci` in
this directory: axe-core (injected into Debian's Chromium) and the Nu HTML checker (vnu.jar,
run with the machine's Java). Without them the tests skip on a laptop and fail under
REQUIRE_SERVICES=1."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import need

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "run `npm ci` in tests/a11y (`make test` does)"
# One short run: the quick (C1) compiler and the serial collector take a third of the CPU time
# of the defaults; C1's larger frames need the bigger stack the checker asks for.
JVM_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@pytest.fixture
def axe_script(chromium):
    need("axe-core", AXE.exists(), f"{AXE} is missing: {INSTALL}")
    return AXE


@pytest.fixture
def validate_html():
    """validate(documents) -> the Nu checker's errors, as "name:line: message" strings, for a
    dict of name -> HTML text, all checked in one run of the checker (Java starts once)."""
    java = shutil.which("java")
    need("Java", java is not None, "`java` is not on PATH (apt-get install default-jre)")
    need("vnu-jar", VNU.exists(), f"{VNU} is missing: {INSTALL}")

    def validate(documents):
        names = {f"{n:02d}.html": name for n, name in enumerate(documents)}
        with tempfile.TemporaryDirectory() as directory:
            for file, name in names.items():
                (Path(directory) / file).write_text(documents[name], encoding="utf-8")
            result = subprocess.run(
                [java, *JVM_OPTIONS, "-jar", str(VNU), "--format", "json", "--stdout", *names],
                cwd=directory,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        try:
            report = json.loads(result.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"vnu gave no JSON report: {result.stdout[-2000:]}{result.stderr[-2000:]}")
        return [
            f"{names.get(message.get('url', '').rsplit('/', 1)[-1], message.get('url'))}"
            f":{message.get('lastLine', '?')}: {message['message']}"
            f" [{message.get('extract', '').strip()[:160]}]"
            for message in report["messages"]
            if message["type"] in ("error", "non-document-error")
        ]

    return validate
