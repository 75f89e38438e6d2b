"""Publishing profiles from submitted answers, and the gap changes they propose."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from network.gaps import services as gap_services
from network.gaps.enums import GAP_TRANSITIONS, Area, Disaggregation, GapStatus
from network.gaps.selectors import gap_filter
from network.platform.services import service_save

from .. import profile
from ..enums import AnswerStatus, ProposalStatus
from ..models import GapChangeProposal, ProfileVersion, RoundCountry
from .rounds import _staff_only

User = get_user_model()

# Consolidation choice for a multiple choice: every option any organization gave.
MERGE = "merge"


def _same(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def consolidation(round_country: RoundCountry):
    """Per question key: the submitted answers' values, and whether they disagree."""
    answers = [a for a in round_country.answers.all() if a.status == AnswerStatus.SUBMITTED]
    keys = {}
    for answer in answers:
        for key, entry in answer.values.items():
            keys.setdefault(key, []).append((answer, entry))
    return answers, {
        key: {
            "entries": entries,
            "disagree": any(not _same(e["value"], entries[0][1]["value"]) for _a, e in entries),
        }
        for key, entries in keys.items()
    }


@transaction.atomic
def profile_publish(
    *, round_country: RoundCountry, by: User, chosen: dict[str, int | str] | None = None
) -> ProfileVersion:
    """Consolidate the submitted answers into a new version of the country's profile.

    `chosen` maps a question key to the answer whose value wins where answers disagree
    (default: the first organization's, alphabetically), or to MERGE for a multiple choice:
    every option any organization gave. The others are kept as the disagreement. Fields
    nobody answered keep their current value and its source.
    Side effects: the new version becomes current; the country counts as published in the
    round; a gap change is proposed where the change bears on an open gap.
    """
    _staff_only(by)
    round_country = (
        RoundCountry.objects.select_for_update(of=("self",))
        .select_related("round", "country__sub_region")
        .get(pk=round_country.pk)
    )
    if round_country.published_id:
        raise ValidationError(
            _("%(country)s is already published in this round.")
            % {"country": round_country.country}
        )
    answers, keys = consolidation(round_country)
    if not answers:
        raise ValidationError(
            _("Nobody has submitted an answer for %(country)s yet: there is nothing to publish.")
            % {"country": round_country.country}
        )
    chosen = chosen or {}
    previous = ProfileVersion.objects.filter(country=round_country.country, is_current=True).first()
    values = dict(previous.values) if previous else {}
    changed = []
    for key, found in keys.items():
        entries = found["entries"]
        winner = next((e for e in entries if e[0].pk == chosen.get(key)), entries[0])
        answer, entry = winner
        if chosen.get(key) == MERGE and all(isinstance(e["value"], list) for _a, e in entries):
            merged = sorted({str(v) for _a, e in entries for v in e["value"]})
            answer, entry = entries[0][0], {**entry, "value": merged}
            entries = [(a, {**e, "value": merged}) for a, e in entries]
        new = {
            **entry,
            "round": round_country.round.title,
            "answered_by": [answer.organization.name],
            "disagreement": [
                {"organization": a.organization.name, "value": e["value"]}
                for a, e in entries
                if a.pk != answer.pk and not _same(e["value"], entry["value"])
            ],
        }
        new["answered_by"] += [
            a.organization.name
            for a, e in entries
            if a.pk != answer.pk and _same(e["value"], entry["value"])
        ]
        if key not in values or not _same(values[key].get("value"), entry["value"]):
            changed.append(key)
        values[key] = new
    if previous:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    version = service_save(
        ProfileVersion(
            country=round_country.country,
            number=(previous.number + 1) if previous else 1,
            values=values,
            changed=changed,
            round=round_country.round,
            published_at=timezone.now(),
            published_by=by,
        )
    )
    round_country.published = version
    round_country.save(update_fields=["published"])
    _propose_gap_changes(version, previous)
    return version


def _propose_gap_changes(version, previous):
    """A country that now publishes data with disaggregations an open disaggregation gap
    says are missing: propose the gap moves to partly filled."""
    if profile.DISAGGREGATIONS not in version.changed:
        return
    before = (
        set((previous.values.get(profile.DISAGGREGATIONS) or {}).get("value") or [])
        if (previous)
        else set()
    )
    now = set(version.values[profile.DISAGGREGATIONS]["value"] or [])
    added = now - before
    if not added:
        return
    labels = ", ".join(
        str(Disaggregation(d).label).lower() for d in Disaggregation.values if d in added
    )
    gaps = gap_filter({"country": version.country.code, "area": Area.DISAGGREGATION}).exclude(
        status=GapStatus.FILLED
    )
    for gap in gaps:
        if not set(gap.missing_disaggregations) & added:
            continue
        if GapStatus.PARTLY_FILLED not in GAP_TRANSITIONS.get(gap.status, set()):
            continue
        service_save(
            GapChangeProposal(
                gap=gap,
                version=version,
                to_status=GapStatus.PARTLY_FILLED,
                reason=_("%(country)s now publishes data by %(disaggregations)s.")
                % {"country": version.country, "disaggregations": labels},
            )
        )


@transaction.atomic
def proposal_decide(*, proposal: GapChangeProposal, by: User, accept: bool) -> GapChangeProposal:
    """Accept (the gap moves, with the round as evidence) or decline a proposed gap change.

    Side effects: on accepting, the gap's status changes with a history entry and the
    country's profile history becomes one of its evidence.
    """
    _staff_only(by)
    proposal = (
        GapChangeProposal.objects.select_for_update(of=("self",))
        .select_related("gap", "version__round", "version__country")
        .get(pk=proposal.pk)
    )
    if proposal.status != ProposalStatus.PENDING:
        raise ValidationError(_("This proposal was already decided."))
    if accept:
        version = proposal.version
        gap_services.gap_transition(
            gap=proposal.gap,
            to_status=proposal.to_status,
            by=by,
            reason=_("Country round “%(round)s”: %(reason)s")
            % {"round": version.round, "reason": proposal.reason},
        )
        gap_services.gap_evidence_add(
            gap=proposal.gap,
            by=by,
            title=_("Country profile of %(country)s, version %(number)s (round “%(round)s”)")
            % {"country": version.country, "number": version.number, "round": version.round},
            # A path, not a URLField address: the site's own page, wherever it is served.
            description=reverse("countries:history", args=[version.country.code]),
        )
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    return service_save(proposal)
