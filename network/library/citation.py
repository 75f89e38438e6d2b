"""Citations of a publication: APA-style text and a BibTeX entry.

Organizations are the authors (group authors in APA 7): the seed publications name no people.
"""

import re

from django.conf import settings
from django.utils.translation import gettext

from .enums import PublicationType

BIBTEX_TYPES = {
    PublicationType.BOOK: "book",
    PublicationType.HANDBOOK: "book",
    PublicationType.REPORT: "techreport",
    PublicationType.WORKING_PAPER: "techreport",
    PublicationType.EVALUATION: "techreport",
}


def authors(publication):
    """Publishers in the network (alphabetical: none ranks first), then those outside it."""
    names = sorted((o.name for o in publication.publishers.all()), key=str.lower)
    names += [n.strip() for n in publication.other_publishers.split(",") if n.strip()]
    return names


def _join(names):
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + ", & " + names[-1]


def url_of(publication):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + publication.get_absolute_url()


def apa(publication):
    """Plain text, e.g. 'UNICEF & IPU. (2005). Title [Handbook]. URL'."""
    date = str(publication.year) if publication.year else "n.d."
    if publication.year and publication.month:
        date = f"{publication.year}, {publication.date_display.split()[0]}"
    who = _join(authors(publication)) or gettext("Anonymous")
    what = publication.get_type_display()
    title = publication.title.rstrip(".")
    url = publication.link or url_of(publication)
    return f"{who}{'' if who.endswith('.') else '.'} ({date}). {title} [{what}]. {url}"


def _bibtex_escape(text):
    # Braces and the characters LaTeX treats as commands; the rest of Unicode is left to biber.
    text = re.sub(r"([\\{}])", r"\\\1", text)
    return re.sub(r"([&%$#_])", r"\\\1", text)


def bibtex_key(publication):
    first = authors(publication)[0] if authors(publication) else "anon"
    word = re.sub(r"[^A-Za-z0-9]", "", first.split()[0]) or "anon"
    title_word = next(
        (re.sub(r"[^A-Za-z0-9]", "", w) for w in publication.title.split() if len(w) > 3),
        "untitled",
    )
    return f"{word.lower()}{publication.year or 'nd'}{title_word.lower()}"


def bibtex(publication):
    entry = BIBTEX_TYPES.get(publication.type, "misc")
    names = authors(publication)
    # Double braces keep an organization's name as one author rather than first/last names.
    fields = [("title", "{" + _bibtex_escape(publication.title) + "}")]
    if names:
        fields.append(("author", " and ".join("{" + _bibtex_escape(n) + "}" for n in names)))
    if publication.year:
        fields.append(("year", str(publication.year)))
    if publication.month:
        fields.append(("month", str(publication.month)))
    if entry == "book" and names:
        fields.append(("publisher", _bibtex_escape(names[0])))
    if entry == "techreport" and names:
        fields.append(("institution", _bibtex_escape(_join(names))))
    if entry != "book" and entry != "techreport":
        fields.append(("note", _bibtex_escape(publication.get_type_display())))
    fields.append(("url", publication.link or url_of(publication)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{bibtex_key(publication)},\n{body}\n}}\n"
