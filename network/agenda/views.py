from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from members.models import Organization
from network.discussions.selectors import room_for
from network.discussions.views import open_network_room
from network.gaps.enums import GapStatus
from network.platform.csv import csv_download
from network.platform.forms import filters_of
from network.platform.languages import translation_for_reader
from network.platform.pagecache import cached_page
from network.platform.pagination import paginate
from network.platform.views import (
    TELL,
    form_saved,
    found_or_404,
    require_perm,
    run_service,
    translation_views,
)

from . import selectors, services
from .enums import PriorityStatus, Theme, VoteChoice, VoterRole
from .forms import (
    PriorityFilterForm,
    PriorityForm,
    PriorityTranslationForm,
    TransitionForm,
    VoteForm,
    VoteOpenForm,
)
from .models import ResearchPriority


def _priority(pk):
    priority = get_object_or_404(ResearchPriority, pk=pk)
    return priority


def _priority_to_move(request, pk):
    """The priority, for those who may move it on (403 for others)."""
    priority = _priority(pk)
    require_perm(request, "agenda.transition_priority", priority)
    return priority


def _priority_detail(pk):
    """The priority with all its page shows, or 404."""
    return found_or_404(selectors.priority_detail(pk), gettext("No such priority."))


# Priorities per page of the agenda: a paginated page does not grow with the table (issue 20).
PAGE_SIZE = 50


@cached_page(
    depends_on=["agenda", "members", "gaps"],
    perms=["agenda.propose_priority"],
    # A vote whose window ends turns to "closing" on the list with no write to tell the cache.
    until=selectors.next_vote_close,
)
def priority_list(request):
    form = PriorityFilterForm(request.GET or None)
    filters = filters_of(form, only_given=True)
    page, page_error, query = paginate(request, selectors.priority_list(filters=filters), PAGE_SIZE)
    counts = selectors.status_counts(filters=filters)
    groups = [
        (PriorityStatus(status).label, status, list(items), counts.get(status, 0))
        for status, items in groupby(page.object_list, key=lambda p: p.status)
    ]
    return render(
        request,
        "agenda/priority_list.html",
        {
            "form": form,
            "groups": groups,
            "page": page,
            "page_error": page_error,
            "query": query,
            "count": page.paginator.count,
            "filtered": bool(filters),
            "can_propose": request.user.has_perm("agenda.propose_priority"),
        },
    )


@login_required
@require_POST
def priority_discussion(request, pk):
    priority = _priority_detail(pk)
    return open_network_room(request, target=priority, title=f"Priority: {priority.title}")


def priority_detail(request, pk):
    priority = _priority_detail(pk)
    user = request.user
    speaks_for = list(Organization.objects.members().spoken_for_by(user))
    endorsed_ids = {e.organization_id for e in priority.endorsements.all()}
    my_votes = selectors.votes_by(priority, speaks_for) if priority.vote_is_open else {}
    ballots = []
    for organization in speaks_for:
        role = next(
            (m.role for m in organization.memberships.filter(user=user)), VoterRole.ALTERNATE
        )
        own = my_votes.get((organization.pk, role))
        focal = my_votes.get((organization.pk, VoterRole.FOCAL_POINT))
        ballots.append(
            {
                "organization": organization,
                "endorsed": organization.pk in endorsed_ids,
                "own_vote": own,
                "focal_vote": focal if role == VoterRole.ALTERNATE else None,
                "form": VoteForm(
                    initial={"organization": organization.pk, "choice": own.choice if own else None}
                ),
            }
        )
    tally = services.priority_tally(priority) if priority.vote_is_decided else None
    can_move = user.has_perm("agenda.transition_priority", priority)
    translation = translation_for_reader(priority)
    return render(
        request,
        "agenda/priority_detail.html",
        {
            "priority": priority,
            "translation": translation,
            "can_translate": user.has_perm("agenda.translate_priority", priority),
            "translation_edit_url": reverse(
                "agenda:translation_edit", args=[priority.pk, translation.language]
            )
            if translation and user.has_perm("agenda.change_priority_translation", translation)
            else None,
            "projects": selectors.priorities_addressed_by(user=user, priorities=[priority]).get(
                priority.pk, []
            ),
            "discussion_room": room_for(priority),
            "discussion_url": reverse("agenda:discussion", args=[priority.pk]),
            "ballots": ballots,
            "tally": tally,
            "supports": user.is_authenticated and priority.supporters.filter(user=user).exists(),
            "can_support": user.has_perm("agenda.support_priority", priority),
            "can_move": can_move,
            "transition_form": TransitionForm(priority=priority) if can_move else None,
            "vote_open_form": VoteOpenForm()
            if can_move and priority.status == PriorityStatus.UNDER_DISCUSSION
            else None,
        },
    )


priority_translate, priority_translation_edit = translation_views(
    find=_priority_detail,
    original_as="priority",
    form_class=PriorityTranslationForm,
    body="rationale",
    show_title=True,
    add=services.priority_translation_add,
    add_perm="agenda.translate_priority",
    edit=services.priority_translation_edit,
    edit_perm="agenda.change_priority_translation",
)


def _organization_from_post(request):
    try:
        pk = int(request.POST.get("organization", ""))
    except ValueError:
        return None
    return Organization.objects.members().filter(pk=pk).first()


def _act(request, pk, service, success, **kwargs):
    """Run one service for a POST on a priority; refusals, a refused permission included,
    become messages, never a 500."""
    priority = _priority(pk)
    run_service(request, service, success=success, on_denied=TELL, priority=priority, **kwargs)
    return redirect(priority)


def _act_for_organization(request, pk, service, success):
    """`_act` for the member organization chosen in the POST, which the person speaks for;
    `success` names it as %(organization)s."""
    organization = _organization_from_post(request)
    if organization is None:
        messages.error(request, gettext("Choose a member organization you speak for."))
        return redirect("agenda:detail", pk=pk)
    return _act(
        request,
        pk,
        service,
        success % {"organization": organization.name},
        organization=organization,
        by=request.user,
    )


@login_required
@require_POST
def priority_endorse(request, pk):
    success = gettext("%(organization)s endorses this priority.")
    return _act_for_organization(request, pk, services.priority_endorse, success)


@login_required
@require_POST
def priority_withdraw_endorsement(request, pk):
    success = gettext("The endorsement of %(organization)s is withdrawn.")
    return _act_for_organization(request, pk, services.priority_endorsement_withdraw, success)


@login_required
@require_POST
def priority_support(request, pk):
    if request.POST.get("withdraw"):
        return _act(
            request,
            pk,
            services.priority_support_withdraw,
            gettext("You no longer support this priority."),
            by=request.user,
        )
    return _act(
        request,
        pk,
        services.priority_support,
        gettext("You support this priority."),
        by=request.user,
    )


@login_required
@require_POST
def vote(request, pk):
    form = VoteForm(request.POST)
    organization = _organization_from_post(request)
    if not form.is_valid() or organization is None:
        messages.error(
            request, gettext("Choose yes, no or abstain for an organization you speak for.")
        )
        return redirect("agenda:detail", pk=pk)
    choice = form.cleaned_data["choice"]
    return _act(
        request,
        pk,
        services.vote_cast,
        gettext(
            "Your vote for %(organization)s is recorded: %(choice)s. "
            "You can change it until the vote closes."
        )
        % {"organization": organization.name, "choice": VoteChoice(choice).label.lower()},
        organization=organization,
        by=request.user,
        choice=choice,
    )


@login_required
@require_POST
def priority_move(request, pk):
    priority = _priority_to_move(request, pk)
    form = TransitionForm(request.POST, priority=priority)
    if not form.is_valid():
        messages.error(request, gettext("Choose an allowed status and say why."))
        return redirect(priority)
    to_status = form.cleaned_data["to_status"]
    return _act(
        request,
        pk,
        services.priority_transition,
        gettext("The priority is now “%(status)s”.") % {"status": PriorityStatus(to_status).label},
        to_status=to_status,
        by=request.user,
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def priority_vote_open(request, pk):
    priority = _priority_to_move(request, pk)
    form = VoteOpenForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, gettext("Give a closing date and time and a quorum between 1 and 100.")
        )
        return redirect(priority)
    return _act(
        request,
        pk,
        services.priority_vote_open,
        gettext("The priority is put to the network: focal points can vote now."),
        by=request.user,
        closes_at=form.cleaned_data["closes_at"],
        quorum=form.cleaned_data["quorum"],
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def priority_vote_close(request, pk):
    _priority_to_move(request, pk)
    return _act(
        request,
        pk,
        services.priority_vote_close,
        gettext("The vote is closed and its result applied."),
        by=request.user,
    )


@login_required
def priority_propose(request):
    require_perm(request, "agenda.propose_priority")
    organizations = Organization.objects.members().of(request.user)
    form = PriorityForm(
        request.POST if request.method == "POST" else None, organizations=organizations
    )
    proposed = form_saved(
        request,
        form,
        services.priority_propose,
        success=gettext("Your priority is proposed to the network."),
        on_denied=TELL,
    )
    if proposed:
        return redirect(proposed.result)
    return render(request, "agenda/priority_form.html", {"form": form})


def _adopted_context(user):
    priorities = list(selectors.adopted_agenda())
    addressing = selectors.priorities_addressed_by(user=user, priorities=priorities)
    for priority in priorities:
        priority.addressing_projects = addressing.get(priority.pk, [])
    labels = dict(Theme.choices)
    themes = [
        (labels[theme], list(items)) for theme, items in groupby(priorities, key=lambda p: p.theme)
    ]
    return {"themes": themes, "count": len(priorities)}


def adopted(request):
    if request.GET.get("format") == "csv":
        return adopted_csv(request)
    return render(request, "agenda/adopted.html", _adopted_context(request.user))


def adopted_print(request):
    return render(request, "agenda/adopted_print.html", _adopted_context(request.user))


def adopted_csv(request):
    header = [
        "theme",
        "priority",
        "rationale",
        "endorsing organizations",
        "linked gaps",
        "gaps being addressed or filled",
        "progress (%)",
        "projects that address it",
        "url",
    ]
    statuses = dict(GapStatus.choices)
    # A download travels beyond the site: only projects proposed to the network, never drafts.
    rows = (
        [
            theme,
            p.title,
            p.rationale,
            "; ".join(e.organization.name for e in p.endorsements.all()),
            "; ".join(f"{g.title} ({statuses[g.status]})" for g in p.gaps.all()),
            p.gaps_moving,
            "" if p.progress is None else p.progress,
            "; ".join(project.title for project in p.addressing_projects),
            request.build_absolute_uri(p.get_absolute_url()),
        ]
        for theme, priorities in _adopted_context(AnonymousUser())["themes"]
        for p in priorities
    )
    return csv_download("adopted-agenda.csv", header, rows)
