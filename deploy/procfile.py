"""The Procfile's commands, for `make bench` and the socket tests, which run the processes as
deployed: `runpy.run_path("deploy/procfile.py")["command"]("sockets1", port=18482)`."""

import shlex
from pathlib import Path

PROCFILE = Path(__file__).with_name("Procfile")


def command(name, **options):
    """The arguments of the Procfile's process `name`, each `--option value` given replaced
    (`port=8010` for `--port 8002`)."""
    for line in PROCFILE.read_text().splitlines():
        if line.startswith(f"{name}:"):
            args = shlex.split(line.split(":", 1)[1])
            for option, value in options.items():
                args[args.index("--" + option.replace("_", "-")) + 1] = str(value)
            return args
    raise LookupError(f"deploy/Procfile has no process {name!r}")
