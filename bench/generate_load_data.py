"""`python bench/generate_load_data.py --scale small|large|xlarge`: the benchmark's synthetic
network (bench/load_data.py) in the database the environment names. It lives with the benchmark, not
in an app: it writes rows of every app, which no floor of the house may import."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network.settings.dev")

import django

django.setup()

from bench.load_data import Command  # noqa: E402

Command().run_from_argv([sys.argv[0], "generate_load_data", *sys.argv[1:]])
