"""Extract the interface's words into the French and Russian catalogues, then compile them.

Each app that keeps its own catalogue (a `locale/` folder beside its code) gets its words
there; everything else (the site shell in network/templates, what lies outside any app) goes
to the project's `locale/`. The compiled .mo files are committed, so that a machine without
GNU gettext still shows the translations; this command needs gettext (`apt install gettext`).
`make messages` runs it; tests/i18n/test_catalogues.py runs it on a copy of the code and
fails while any entry is left untranslated."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

LANGUAGES = ("fr", "ru")
# Never the project's own words: the virtualenv, the tests, generated and collected files.
IGNORED = (".venv", "tests", "var", "bench", "node_modules", "staticfiles", "media")


def app_catalogue_dirs(root: Path) -> list[Path]:
    """The folders (apps) that keep a catalogue of their own."""
    found = []
    for directory, subdirectories, _files in os.walk(root):
        subdirectories[:] = [
            name for name in subdirectories if name not in IGNORED and not name.startswith(".")
        ]
        if "locale" in subdirectories and Path(directory) != root:
            found.append(Path(directory))
        if "locale" in subdirectories:
            subdirectories.remove("locale")
    return sorted(found)


def makemessages_args(ignore=()):
    return [
        "makemessages",
        *(f"--locale={language}" for language in LANGUAGES),
        "--no-obsolete",
        *(f"--ignore={pattern}" for pattern in (*IGNORED, *(f"{p}/*" for p in IGNORED))),
        *(f"--ignore={pattern}" for pattern in ignore),
    ]


class Command(BaseCommand):
    help = "Extract the French and Russian catalogues afresh (per app, then the project's)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-compile", action="store_true", help="Extract only; leave the .mo files."
        )

    def handle(self, *args, no_compile=False, **options):
        root = Path(settings.BASE_DIR)
        manage = str(root / "manage.py")
        apps = app_catalogue_dirs(root)
        for directory in apps:
            subprocess.run(  # noqa: S603 -- this project's manage.py, fixed arguments
                [sys.executable, manage, *makemessages_args()],
                cwd=directory,
                check=True,
                capture_output=True,
            )
        (root / "locale").mkdir(exist_ok=True)
        own = [f"{directory.relative_to(root)}/*" for directory in apps]
        subprocess.run(  # noqa: S603 -- this project's manage.py, fixed arguments
            [sys.executable, manage, *makemessages_args(ignore=own)],
            cwd=root,
            check=True,
            capture_output=True,
        )
        if not no_compile:
            call_command("compilemessages", ignore=list(IGNORED), verbosity=0)
        self.stdout.write(f"Catalogues extracted: {len(apps)} apps and the project's.")
