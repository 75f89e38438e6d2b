"""The pages issue 8 measures, in the order `make bench` prints them: one list for the
benchmark (bench/run.py), the in-process profile (bench/profile_pages.py) and the test that
the generated network renders (tests/home/test_load_data.py)."""

PAGES = [
    "/healthz",
    "/",
    "/members/",
    "/agenda/",
    "/gaps/",
    "/projects/",
    "/events/",
    "/library/",
    "/search/?q=labour",
    "/api/v1/gaps",
]
