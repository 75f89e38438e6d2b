"""The home page and the standard pages editors start from."""

from wagtail.models import Page, Site

from network.platform.languages import source_pages

from .models import HomePage, StandardPage

HOME = {
    "title": "Inter Agency Research Network on Child Trafficking",
    "slug": "home",
    "intro": "<p>UN agencies, intergovernmental organizations, governments, NGOs and research "
    "institutes that research child trafficking, working together as joint and equal partners: "
    "sharing their work, building a common research agenda, closing the data gaps that hold "
    "research back, and running workshops together.</p>",
    "body": "<h2>Where the network comes from</h2><p>A first informal meeting during the XII "
    "Session of the Commission on Crime Prevention and Criminal Justice in Vienna in 2003, and "
    "the expert workshop <i>Research on Child Trafficking: Needs and Challenges</i> at the UNICEF "
    "Innocenti Research Centre in Florence on 22-23 September 2004, set out to promote the "
    "continuous sharing of information and to define areas of collaboration and synergy. Each "
    "organization participates as a joint and equal partner.</p>",
}

PAGES = [
    {
        "slug": "about",
        "title": "About the network",
        "search_description": "Who we are and how partners work together.",
        "intro": "<p>The Inter Agency Research Network brings together the agencies that "
        "research child trafficking so that research is shared, comparable and used.</p>",
        "body": "<h2>Objectives</h2><ul><li>Continuous sharing of information among researchers."
        "</li><li>Defining areas of collaboration and synergy.</li><li>Optimizing research tools "
        "and methodologies to understand and monitor child trafficking.</li><li>Enhancing data "
        "collection and promoting its use.</li></ul><h2>Equal partners</h2><p>Every member "
        "organization has the same rights. Endorsements and votes count organizations, not "
        "people.</p>",
    },
    {
        "slug": "ethics",
        "title": "Ethics and data protection",
        "search_description": "What the platform holds, and what it never holds.",
        "intro": "<p>This platform holds research metadata: who researches what, where, with "
        "which methods and results. It never holds personal data of trafficked persons.</p>",
        "body": "<h2>What you must not post</h2><p>No case records, names, photographs, "
        "identifying details or stories that could identify a child or adult who was "
        "trafficked. Every form that takes free text reminds you of this, and moderators hide "
        "content that breaks this rule at once.</p><h2>Children's participation</h2><p>Research "
        "that involves children follows informed consent, safeguarding and ethical review, and "
        "considers the best interests of the child first.</p><h2>Your own data</h2><p>You choose "
        "whether your profile is public, visible to network members only, or hidden.</p>",
    },
    {
        "slug": "contact",
        "title": "Contact",
        "search_description": "How to reach the network secretariat.",
        "intro": "<p>The network secretariat answers questions about membership, events and "
        "the platform.</p>",
        "body": "<p>Write to the secretariat at the address your organization's focal point "
        "received on admission, or apply to register your organization from the member "
        "directory.</p>",
    },
]


def load():
    """Put a HomePage at the site root (replacing Wagtail's welcome page) and add the
    standard pages that are missing. Pages editors changed are left alone."""
    created = 0
    home = source_pages(HomePage.objects.all()).first()
    if home is None:
        root = Page.get_first_root_node()
        welcome = (
            root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
        )
        if welcome is not None:
            welcome.slug = "welcome-old"
            welcome.save_revision().publish()
        home = root.add_child(instance=HomePage(**HOME))
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name="Inter Agency Research Network",
            )
        else:
            site.root_page = home
            site.site_name = "Inter Agency Research Network"
            site.save()
        if welcome is not None:
            welcome.delete()
        created += 1
    for data in PAGES:
        if home.get_children().filter(slug=data["slug"]).exists():
            continue
        page = home.add_child(instance=StandardPage(show_in_menus=True, **data))
        page.save_revision().publish()
        created += 1
    return created
