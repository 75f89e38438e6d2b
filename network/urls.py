from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from events.feeds import UpcomingEventsFeed
from home import views as home_views
from members import views as member_views
from network.agenda.feeds import AdoptedPrioritiesFeed
from network.api import api, not_found
from network.countries.urls import round_patterns
from network.decisions.feeds import NewDecisionsFeed
from network.gaps.feeds import NewGapsFeed
from network.library import views as library_views
from network.library.feeds import NewPublicationsFeed
from network.platform import pagetree
from network.platform import views as platform_views

# One line per feed; each app keeps its feeds in <app>/feeds.py.
feed_patterns = [
    path("events/", UpcomingEventsFeed(), name="events"),
    path("publications/", NewPublicationsFeed(), name="publications"),
    path("priorities/adopted/", AdoptedPrioritiesFeed(), name="adopted_priorities"),
    path("gaps/", NewGapsFeed(), name="gaps"),
    path("decisions/", NewDecisionsFeed(), name="decisions"),
]

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # Live pages without view restrictions only (Wagtail's sitemap: live().public()).
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail's admin sign-in form would authenticate with a password alone (no MFA, no
    # throttle): editors sign in through allauth like everyone else.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Documents are always served through our wrapper of Wagtail's view (attachment, nosniff,
    # sandboxing CSP); Wagtail's own pattern of the same name stays for the password form.
    re_path(r"^documents/(\d+)/(.*)$", library_views.document_serve, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("people/", member_views.people, name="people"),
    path("agenda/", include("network.agenda.urls")),
    path("gaps/", include("network.gaps.urls")),
    path("projects/", include("projects.urls")),
    path("library/", include("network.library.urls")),
    path("discussions/", include("network.discussions.urls")),
    path("countries/", include("network.countries.urls")),
    path("data/", include("network.catalogue.urls")),
    path("rounds/", include(round_patterns)),
    path("decisions/", include("network.decisions.urls")),
    path("groups/", include("network.groups.urls")),
    path("desk/", include("network.desk.urls")),
    path("notices/", include("network.desk.notice_urls")),
    path("email/", include("network.digests.urls")),
    path("search/", home_views.search, name="search"),
    path("suggest/<slug:name>/", platform_views.suggest, name="suggest"),
    path("i18n/language/", platform_views.language_switch, name="language_switch"),
    path("feeds/", include((feed_patterns, "feeds"))),
    path("api/v1/", api.urls),
    re_path(r"^api/", not_found),
    # /events/calendar.ics and /events/<slug>/calendar.ics: Wagtail's page URLs take no dots.
    path("", include("events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it comes last. Its frontend sign-in
# form would authenticate with a password alone (no MFA, no throttle): allauth's instead.
urlpatterns += [
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="frontend_login",
    ),
    # Wagtail's URLs, its page view given the site and route it would find (pagetree.serve).
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, pagetree.serve, name="wagtail_serve"),
]
