# ruff: noqa: RUF001, RUF003 -- the baseline quotes keep the typography of the source.
"""The study's baseline figures beside the current profiles', and data availability."""

from collections import defaultdict

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from network.gaps.enums import Disaggregation
from network.gaps.models import Country
from network.platform import sources

from .. import profile
from ..enums import ActionPlan, TraffickingRole, YesNo
from .profiles import current_versions

# The study's network-wide findings (2003–2005), quoted, beside what current profiles say.
# (label, quote, how to compute from profiles: a function of the current values)
BASELINE = [
    (
        _("Countries of origin and of destination"),
        "The study found that two-thirds of countries are countries of origin, and more "
        "than three-quarters are countries of destination.",
        "roles",
    ),
    (
        _("Routes in both directions"),
        "In more than half of the countries, trafficking routes lead in both directions – "
        "they lead both into and out of the country.",
        "both_directions",
    ),
    (
        _("Internal trafficking"),
        "Internal trafficking, which does not involve the crossing of international "
        "borders, is reported to occur in half of all countries in Europe, including in "
        "Western Europe.",
        "internal",
    ),
    (
        _("National action plans"),
        "About two-thirds of the countries covered by this research have adopted National "
        "Action Plans to counter trafficking in human beings.",
        "action_plan",
    ),
    (
        _("Child-specific action plans"),
        "Only nine countries in all of Europe have developed National Action Plans "
        "specifically for the prevention of child trafficking, and the majority of them are "
        "in the South-Eastern Europe region.",
        "child_plan",
    ),
    (
        _("Coordinating institutions"),
        "Thirty-seven countries in Europe have institutions that have been assigned a "
        "leading role in national anti-trafficking policy development and implementation.",
        "institution",
    ),
    (
        _("Palermo Protocol"),
        "the vast majority of European countries have adopted a definition of trafficking "
        "in human beings that is framed by the ‘Palermo Protocol’, which has been ratified "
        "by 42 European countries.",
        "palermo",
    ),
]
BASELINE_SOURCE = sources.INNOCENTI_EUROPE
BASELINE_PERIOD = "Systematic data collection for this study was done between 2003 and 2005."


def data_availability():
    """Per country, by sub-region: which disaggregations its data-collection systems publish,
    as its current profile says (None where the profile does not say)."""
    versions = current_versions()
    columns = list(Disaggregation.choices)
    groups = defaultdict(list)
    for country in Country.objects.select_related("sub_region").order_by("code"):
        version = versions.get(country.pk)
        published = _value(version, profile.DISAGGREGATIONS) if version else None
        groups[country.sub_region].append(
            {
                "country": country,
                "systems": bool(version and _value(version, profile.DATA_SYSTEMS)),
                "cells": [
                    (label, None if published is None else value in published)
                    for value, label in columns
                ],
            }
        )
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0] or "")))
    return {"columns": columns, "groups": ordered}


def _value(version, key):
    return (version.values.get(key) or {}).get("value")


def _current_figure(kind, versions):
    """(countries with data on it, text of what they say) for one baseline line."""

    def answered(key):
        return [v for v in versions if _value(v, key) not in (None, "", [])]

    def count(key, test):
        with_data = answered(key)
        return len(with_data), sum(1 for v in with_data if test(_value(v, key)))

    if kind in ("roles", "both_directions", "internal"):
        with_data = answered(profile.ROLE)
        roles = [set(_value(v, profile.ROLE)) for v in with_data]
        if kind == "roles":
            origin = sum(TraffickingRole.ORIGIN in r for r in roles)
            destination = sum(TraffickingRole.DESTINATION in r for r in roles)
            text = gettext("%(origin)s of origin, %(destination)s of destination") % {
                "origin": origin,
                "destination": destination,
            }
        elif kind == "both_directions":
            both = sum({TraffickingRole.ORIGIN, TraffickingRole.DESTINATION} <= r for r in roles)
            text = gettext("%(count)s both of origin and of destination") % {"count": both}
        else:
            internal = sum(TraffickingRole.INTERNAL in r for r in roles)
            text = gettext("%(count)s with internal trafficking") % {"count": internal}
        return len(with_data), text
    if kind in ("action_plan", "child_plan"):
        wanted = (
            {ActionPlan.GENERAL, ActionPlan.CHILD_SPECIFIC}
            if kind == "action_plan"
            else {ActionPlan.CHILD_SPECIFIC}
        )
        total, hits = count(profile.ACTION_PLAN, lambda value: value in wanted)
        text = (
            gettext("%(count)s with a national action plan")
            if kind == "action_plan"
            else gettext("%(count)s with a child-specific part")
        ) % {"count": hits}
        return total, text
    if kind == "institution":
        total, hits = count(profile.INSTITUTION, bool)
        return total, gettext("%(count)s name a coordinating institution") % {"count": hits}
    total, hits = count(profile.PALERMO, lambda value: value == YesNo.YES)
    return total, gettext("%(count)s have ratified") % {"count": hits}


def baseline_figures(versions):
    return [
        {
            "label": gettext(label),
            "quote": quote,
            "with_data": _current_figure(kind, versions)[0],
            "current": _current_figure(kind, versions)[1],
        }
        for label, quote, kind in BASELINE
    ]
