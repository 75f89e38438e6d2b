from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import desk_count_remember, desk_for


@login_required
def desk(request):
    sections = desk_for(request.user)
    total = sum(len(section.items) for section in sections)
    desk_count_remember(request.user, total)
    return render(request, "desk/desk.html", {"sections": sections, "total": total})
