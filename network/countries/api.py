"""API: the current profile of each country, with sources and freshness, and its history.
Only published versions: a round's answers never appear here."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from pydantic import Field

from network.gaps.models import Country
from network.platform.api import contract, found_or_404

from . import selectors
from .models import ProfileVersion

router = Router()


class AnswerOut(Schema):
    field: str
    question: str
    value: Any = Field(description="As stored: a choice value, a list of them, a year, text")
    shown_as: str = Field(description="As the site shows it (counts of people below 11 hidden)")
    source_kind: str
    source_reference: str
    round: str | None
    answered_by: list[str]


class VersionOut(Schema):
    number: int
    published_at: datetime
    round: str | None
    changed: list[str]
    answers: list[AnswerOut]


class ProfileOut(Schema):
    code: str
    name: str
    sub_region: str | None
    freshness: str
    version: VersionOut | None


class HistoryOut(Schema):
    code: str
    versions: list[VersionOut]


class CodePath(Schema):
    code: str = Field(..., min_length=2, max_length=2, pattern=r"^[A-Za-z]{2}$")


def _version(version, questions, *, only_changed=False):
    rows = selectors.profile_rows(version, questions)
    return {
        "number": version.number,
        "published_at": version.published_at,
        "round": version.round.title if version.round else None,
        "changed": list(version.changed),
        "answers": [
            {
                "field": row["key"],
                "question": row["label"],
                # A count of people below the threshold is withheld here as on the page.
                "value": None
                if row["question"].counts_people and row["value"] == _("fewer than 11")
                else row["entry"].get("value"),
                "shown_as": row["value"],
                "source_kind": row["entry"].get("source_kind", ""),
                "source_reference": row["entry"].get("source_ref", ""),
                "round": row["entry"].get("round"),
                "answered_by": row["entry"].get("answered_by", []),
            }
            for row in rows
            if not only_changed or row["key"] in version.changed
        ],
    }


def _country(code):
    return found_or_404(
        Country.objects.select_related("sub_region").filter(code=code.upper()).first(),
        _("No country with the code “%(code)s” is covered.") % {"code": code},
    )


@router.get("/{code}", **contract(ProfileOut, found=True), summary="A country's current profile")
def profile_detail(request, path: Path[CodePath]):
    country = _country(path.code)
    version = (
        ProfileVersion.objects.filter(country=country, is_current=True)
        .select_related("round")
        .first()
    )
    return {
        "code": str(country.code),
        "name": country.code.name,
        "sub_region": country.sub_region.slug if country.sub_region else None,
        "freshness": selectors.freshness(version),
        "version": _version(version, selectors.question_specs()) if version else None,
    }


@router.get(
    "/{code}/history", **contract(HistoryOut, found=True), summary="Every published version"
)
def profile_history(request, path: Path[CodePath]):
    country = _country(path.code)
    questions = selectors.question_specs()
    versions = ProfileVersion.objects.filter(country=country).select_related("round")
    return {
        "code": str(country.code),
        "versions": [
            _version(v, questions, only_changed=True) for v in versions.order_by("-number")
        ],
    }
