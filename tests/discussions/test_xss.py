"""Hostile Markdown comes back inert, in body_html and on the page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from network.discussions import markdown
from network.discussions.models import Message

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1) )",
    "[click](&#106;avascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<svg onload=alert(1)><circle r=9 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![img](javascript:alert(1))",
    "[vb](vbscript:msgbox(1))",
    '[x](https://ok.example" onclick="alert(1))',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    "**<b onmouseover=alert(1)>bold</b>**",
    "`<script>alert(1)</script>`",
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
ALLOWED = set(markdown.ALLOWED_TAGS)


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def assert_inert(html):
    parsed = Collector()
    parsed.feed(html)
    assert set(parsed.tags) <= ALLOWED, parsed.tags
    for tag, name, value in parsed.attrs:
        assert (tag, name) in {("a", "href"), ("a", "rel"), ("ol", "start")}, (tag, name)
        if name == "href":
            assert value.startswith(("http://", "https://", "mailto:")), value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_hostile_markdown_is_inert(payload):
    assert_inert(markdown.render(payload))


def test_render_links_get_nofollow_noopener():
    assert markdown.render("[IOM](https://www.iom.int)") == (
        '<p><a href="https://www.iom.int" rel="nofollow noopener">IOM</a></p>'
    )


@pytest.mark.django_db
def test_room_page_hostile_messages_are_inert(client, member_a, room, topic):
    client.force_login(member_a)
    for payload in PAYLOADS:
        client.post(
            reverse("discussions:room", args=[room.slug]), {"topic": topic.pk, "body": payload}
        )
    assert Message.objects.count() == len(PAYLOADS)
    page = client.get(reverse("discussions:topic", args=[room.slug, topic.pk])).content.decode()
    stream = page[page.index('<div id="messages"') : page.index('id="post-form"')]
    bodies = [
        part.split("</div>", 1)[0] for part in stream.split('<div class="msg-body" lang="en">')[1:]
    ]
    assert len(bodies) == len(PAYLOADS)
    for body in bodies:
        assert_inert(body)
    parsed = Collector()
    parsed.feed(page)
    scripts = [value for tag, name, value in parsed.attrs if tag == "script" and name == "src"]
    assert parsed.tags.count("script") == len(scripts) == 1
    assert scripts == ["/static/discussions/room.js"]
    assert not [name for _, name, _ in parsed.attrs if name.startswith("on")]
