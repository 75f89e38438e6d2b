"""The busy network of `make bench ARGS=--busy` (issue 20, item 5): while wrk reads the pages,
this process writes about ten times a second through the real endpoints, as people do: a
message in a discussion, support for a priority (and its withdrawal), a request to join a
project, a registration for an event, an edit of one's profile. Every write invalidates cached
pages, so the pages are measured as a live network serves them.

Each write is a browser's: it reads the page that holds the form (with the person's session),
fills the form from the page (its CSRF token, hidden fields, current values, the first real
choice of each list), changes what a person would change, and posts it. A page without the
form (already registered, already asked) counts as skipped, and the next target is tried.

    python bench/writer.py --base http://127.0.0.1:18480 --plan var/bench/writer.json \
        --rate 10 --seconds 60

The plan (written by bench/run.py from the benchmark's database) lists the sessions of
members and the pages: {"sessions": [...], "targets": {kind: [page, ...]}}. On SIGTERM or at
the end it prints {"writes": n, "by_kind": {...}, "skipped": n, "failed": n, "seconds": s}.
"""

import argparse
import http.client
import json
import random
import re
import signal
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

# Which form on the page (by the end of its action, or of the page's address when the form
# posts to itself); what to change in it; which lists must have a real choice made.
KINDS = {
    "message": (r"/discussions/[\w-]+/t/\d+/$", {"body": "A note from the writer."}, ()),
    "support": (r"/agenda/\d+/support/$", {}, ()),
    "join": (r"/projects/[\w-]+/join/$", {"message": "We would like to help."}, ("role",)),
    "register": (r"/register/$", {}, ("organization",)),
    "profile": (r"/members/profile/$", {"bio": "Researcher (edited by the writer)."}, ()),
}


class Forms(HTMLParser):
    """Every <form method=post> of a page: its action and the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": [], "choices": {}}
            self.forms.append(self._form)
        if tag == "option" and self._form is not None and self._select:
            choices = self._form["choices"].setdefault(self._select, [])
            choices.append((a.get("value") or "", "selected" in a))
        if self._form is None or "name" not in a:
            return
        name = a["name"]
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append((name, a.get("value") or ""))
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self._form["fields"].append((name, ""))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea and self._form:
            name, value = self._form["fields"][-1]
            self._form["fields"][-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def fill(form, changes, choose=()):
    """The form's body: its values as a browser would send them, with `changes`; a list keeps
    what is selected, and one named in `choose` with nothing chosen takes its first choice."""
    fields = [(k, v) for k, v in form["fields"] if k not in changes]
    for name, options in form["choices"].items():
        if name in changes:
            continue
        chosen = [v for v, selected in options if selected]
        if name in choose and not any(chosen):
            chosen = [next((v for v, _s in options if v), "")]
        fields += [(name, v) for v in chosen]
    return urlencode(fields + list(changes.items()))


class Writer:
    def __init__(self, base, plan):
        self.host = urlsplit(base).netloc
        self.sessions = [{"sessionid": s} for s in plan["sessions"]]
        self.targets = plan["targets"]
        self.rng = random.Random(20)
        self.counts = {"writes": 0, "by_kind": {}, "skipped": 0, "failed": 0}
        self.lock = threading.Lock()

    def request(self, method, path, cookies, body=None):
        conn = http.client.HTTPConnection(self.host, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode(errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("csrftoken="):
                cookies["csrftoken"] = value.split(";")[0].split("=", 1)[1]
        conn.close()
        return response.status, text

    def write_once(self, attempts=5):
        """One write; a target without its form (already registered, say) is passed over
        for another, up to `attempts` times."""
        for _ in range(attempts):
            outcome, kind = self.attempt()
            if outcome != "skipped":
                break
            with self.lock:
                self.counts["skipped"] += 1
        return outcome, kind

    def attempt(self):
        kind = self.rng.choice(sorted(k for k in KINDS if self.targets.get(k)))
        page = self.rng.choice(self.targets[kind])
        cookies = self.rng.choice(self.sessions)
        pattern, changes, choose = KINDS[kind]
        status, html = self.request("GET", page, cookies)
        parser = Forms()
        parser.feed(html)
        forms = [f for f in parser.forms if re.search(pattern, f["action"] or page)]
        if status != 200 or not forms:
            return "skipped", kind
        action = forms[0]["action"] or page
        status, _ = self.request("POST", action, cookies, fill(forms[0], changes, choose))
        return ("writes" if status in (200, 302, 303) else "failed"), kind

    def run(self, rate, seconds, threads=8):
        deadline = time.monotonic() + seconds
        slots = threading.Semaphore(threads)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())

        def one():
            try:
                outcome, kind = self.write_once()
            except OSError:
                outcome, kind = "failed", None
            with self.lock:
                if outcome != "skipped":  # counted per attempt in write_once
                    self.counts[outcome] += 1
                if outcome == "writes":
                    self.counts["by_kind"][kind] = self.counts["by_kind"].get(kind, 0) + 1
            slots.release()

        started = next_at = time.monotonic()
        while not stop.is_set() and time.monotonic() < deadline:
            slots.acquire()
            threading.Thread(target=one, daemon=True).start()
            next_at += 1 / rate
            time.sleep(max(0, next_at - time.monotonic()))
        for _ in range(threads):
            slots.acquire()
        self.counts["seconds"] = round(time.monotonic() - started, 1)
        self.counts["writes_per_second"] = round(
            self.counts["writes"] / max(1, self.counts["seconds"]), 1
        )
        return self.counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with open(args.plan) as plan:
        writer = Writer(args.base, json.load(plan))
    print(json.dumps(writer.run(args.rate, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
