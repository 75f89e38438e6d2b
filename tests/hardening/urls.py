"""The site's URLs plus one view that fails, to see the 500 page's headers."""

from django.urls import path

from network.urls import urlpatterns as site_urlpatterns


def crash(request):
    raise RuntimeError("A deliberate failure for the 500 page's headers.")


urlpatterns = [path("hardening-crash/", crash), *site_urlpatterns]
