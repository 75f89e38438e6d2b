"""The varied run of `make bench` (issue 20, item 2): real people filter, page and search with
different words, so each list page is asked with URLs that rotate over its own filter
choices and page numbers, and search over more than 200 terms; the page cache mostly misses.

`urls()` builds the URLs inside Django from the filter forms themselves (their choices are the
real ones of the large network); `lua()` writes a wrk script that picks one at random per
request and counts the responses the page cache answered (the X-Page-Cache header)."""

import random

# How many URLs per page; every one a different combination.
PER_PAGE = 300
PAGES_DEEP = 8

# Common and rare words, phrases, countries and organizations: with the network's own titles
# and names added by urls(), more than 200 different searches.
TERMS = [
    "labour", "trafficking", "begging", "children", "data", "exploitation", "migration",
    "border", "asylum", "domestic", "fishing", "agriculture", "street", "sexual", "forced",
    "bondage", "debt", "criminality", "adoption", "marriage", "organ", "online", "recruitment",
    "smuggling", "unaccompanied", "separated", "guardianship", "reintegration", "return",
    "shelter", "identification", "referral", "prosecution", "prevention", "protection",
    "baseline", "estimate", "methodology", "survey", "questionnaire", "database", "register",
    "evaluation", "impact", "policy", "legislation", "convention", "protocol", "rapporteur",
    "child trafficking", "forced labour", "street children", "sexual exploitation",
    "domestic servitude", "child begging", "data collection", "national action plan",
    "victim identification", "border police", "labour migration", "social services",
    "Moldova", "Albania", "Kosovo", "Romania", "Bulgaria", "Ukraine", "Serbia", "Montenegro",
    "Bosnia", "Croatia", "Greece", "Italy", "Norway", "Sweden", "Finland", "Denmark",
    "Estonia", "Latvia", "Lithuania", "Poland", "Germany", "France", "Spain", "Belarus",
    "Russia", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Tajikistan",
    "UNICEF", "IOM", "OSCE", "ODIHR", "Innocenti", "Save the Children", "Terre des Hommes",
    "CBSS", "ILO", "IPEC", "UNODC", "Council of Europe", "secretariat", "focal point",
    "kosvo", "trafficing", "zzyzx", "xq",
]  # fmt: skip


def urls(seed=20):
    """{page: [url, …]} for the list pages, the search and the API, from the filter forms."""
    from django.db.models import Q

    from events.forms import EventFilterForm
    from members.forms import DirectoryFilterForm, PeopleFilterForm
    from members.models import Organization
    from network.agenda.forms import PriorityFilterForm
    from network.gaps.forms import GapFilterForm
    from network.library.forms import PublicationFilterForm
    from projects.forms import ProjectFilterForm

    rng = random.Random(seed)
    forms = {
        "/members/": DirectoryFilterForm(),
        "/people/": PeopleFilterForm(),
        "/agenda/": PriorityFilterForm(),
        "/gaps/": GapFilterForm(),
        "/projects/": ProjectFilterForm(),
        "/events/": EventFilterForm(organizations=Organization.objects.members()),
        "/library/": PublicationFilterForm(),
    }
    found = {path: _variations(rng, path, form) for path, form in forms.items()}
    names = list(
        Organization.objects.filter(
            Q(slug__startswith="load-org-00") | ~Q(slug__startswith="load-")
        )
        .order_by("slug")
        .values_list("name", flat=True)[:100]
    )
    terms = sorted({*TERMS, *(name.split(" Agency")[0] for name in names)})
    found["/search/"] = [f"/search/?q={_quoted(term)}" for term in terms]
    found["/api/v1/gaps"] = [f"/api/v1/gaps?page={n}" for n in range(1, 60)]
    return found


def _variations(rng, path, form):
    """Up to PER_PAGE different URLs: none, one or two filters set, and a page number."""
    choices = {
        name: [str(value) for value, _label in field.choices if str(value)]
        for name, field in form.fields.items()
        if getattr(field, "choices", None)
    }
    choices = {name: values for name, values in choices.items() if values}
    seen = set()
    for _attempt in range(PER_PAGE * 5):
        picked = rng.sample(sorted(choices), k=min(len(choices), rng.choice([0, 1, 1, 2])))
        params = [(name, rng.choice(choices[name])) for name in sorted(picked)]
        page = rng.choice([1, 1, 1, 2, 3, rng.randint(1, PAGES_DEEP)])
        if page > 1:
            params.append(("page", str(page)))
        query = "&".join(f"{name}={_quoted(value)}" for name, value in params)
        seen.add(f"{path}?{query}" if query else path)
        if len(seen) >= PER_PAGE:
            break
    return sorted(seen)


def _quoted(text):
    from urllib.parse import quote_plus

    return quote_plus(text)


def lua(paths):
    """A wrk script: each request a random one of `paths`; done() prints the page cache's
    hits (threads keep their own counts; done() runs apart and collects them)."""
    listed = ",\n".join(f'  "{path}"' for path in paths)
    return f"""
local paths = {{
{listed}
}}
local threads = {{}}
local count = 0

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  hits, responses = 0, 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  responses = responses + 1
  if headers["X-Page-Cache"] == "hit" then hits = hits + 1 end
end

function done(summary, latency, requests)
  local h, n = 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    n = n + thread:get("responses")
  end
  io.write(string.format("page-cache-hits %d of %d\\n", h, n))
end
"""
