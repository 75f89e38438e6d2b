from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Organization
from network.discussions.markdown import render as render_markdown
from network.platform.views import RAISE, TELL, form_saved, require_perm, run_service

from . import services
from .forms import AcknowledgeForm, NoticeForm
from .models import Notice
from .rules import may_acknowledge
from .selectors import (
    DONE_RECENTLY_DAYS,
    desk_count_remember,
    desk_for,
    done_recently,
    notice_detail,
    notice_list,
    organizations_spoken_for,
)


@login_required
def desk(request):
    counts = {}
    sections = desk_for(request.user, counts=counts)
    total = sum(counts.values())
    desk_count_remember(request.user, counts)
    return render(
        request,
        "desk/desk.html",
        {
            "sections": sections,
            "total": total,
            "done": done_recently(request.user),
            "done_days": DONE_RECENTLY_DAYS,
        },
    )


def notices(request):
    """Public notices for everyone; all of them for the network's members and the secretariat."""
    listed = notice_list()
    if not request.user.has_perm("desk.view_notice_text", Notice(is_public=False)):
        listed = listed.filter(is_public=True)
    return render(request, "desk/notice_list.html", {"notices": listed})


def _ackable(user, notice):
    spoken = organizations_spoken_for(user)
    return [org for org in spoken if may_acknowledge(user, notice, org)]


def notice(request, pk):
    notice, rows = notice_detail(pk)
    # Restricted means restricted: a members-only notice does not exist for others.
    if notice is None or not request.user.has_perm("desk.view_notice_text", notice):
        raise Http404
    ackable = _ackable(request.user, notice)
    done = {org.pk for org, ack in rows if ack}
    to_ack = [org for org in ackable if org.pk not in done]
    form = AcknowledgeForm(
        organizations=Organization.objects.filter(pk__in=[o.pk for o in ackable])
    )
    if request.method == "POST":
        form = AcknowledgeForm(
            request.POST, organizations=Organization.objects.filter(pk__in=[o.pk for o in ackable])
        )
        if not ackable:
            raise PermissionDenied
        if form_saved(
            request,
            form,
            services.notice_acknowledge,
            success=_("Acknowledged for your organization."),
            on_denied=TELL,
            notice=notice,
        ):
            return redirect(notice.get_absolute_url())
    return render(
        request,
        "desk/notice_detail.html",
        {
            "notice": notice,
            "rows": rows,
            "acknowledged": len(done),
            "body": render_markdown(notice.body),
            "form": form if to_ack else None,
            "to_ack": to_ack,
            "may_remind": request.user.has_perm("desk.remind_notice"),
        },
    )


@login_required
def notice_new(request):
    require_perm(request, "desk.add_notice")
    form = NoticeForm(request.POST if request.method == "POST" else None)
    outcome = form_saved(
        request,
        form,
        services.notice_send,
        success=_("The notice was sent."),
        on_denied=RAISE,
        to_fields=True,
    )
    if outcome:
        return redirect(outcome.result.get_absolute_url())
    return render(request, "desk/notice_form.html", {"form": form})


@login_required
@require_POST
def notice_remind(request, pk):
    notice, _rows = notice_detail(pk)
    if notice is None:
        raise Http404
    run_service(
        request,
        services.notice_remind,
        success=lambda n: _("Reminders sent: %(count)s.") % {"count": n},
        on_denied=RAISE,
        notice=notice,
        by=request.user,
    )
    return redirect(notice.get_absolute_url())
