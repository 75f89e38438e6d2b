"""A round's written answers keep the language they are written in."""

import pytest

from tests.factories.countries import AnswerFactory
from tests.factories.gaps import CountryFactory

pytestmark = pytest.mark.django_db


def test_answer_saved_with_the_language_chosen_and_read_back_marked(
    client, focal_a, member_a, org_a
):
    answer = AnswerFactory(organization=org_a, round_country__country=CountryFactory(code="MD"))
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    client.force_login(focal_a)
    assert "Language of this text" in client.get(url).content.decode()
    data = {
        "revision": 0,
        "language": "fr",
        "q_summary": "Pas de registre national.",
        "q_summary_source_kind": "knowledge",
        "save": "1",
    }
    client.post(url, data)
    answer.refresh_from_db()
    assert (answer.language, answer.revision) == ("fr", 1)
    form = client.get(url).content.decode()
    assert '<option value="fr" selected>' in form
    assert 'lang="fr"' in form
    client.force_login(member_a)
    read = client.get(url).content.decode()
    assert '<span lang="fr"><p>Pas de registre national.</p></span>' in read or (
        '<span lang="fr">Pas de registre national.</span>' in read
    )
    assert '<span class="written-in">Written in French</span>' in read


def test_unknown_answer_language_is_refused_and_nothing_saved(client, focal_a, org_a):
    answer = AnswerFactory(organization=org_a, round_country__country=CountryFactory(code="MD"))
    url = f"/rounds/{answer.round_country.round.slug}/MD/"
    client.force_login(focal_a)
    response = client.post(url, {"revision": 0, "language": "xx", "save": "1"})
    assert "Select a valid choice. xx is not one of the available choices." in (
        response.content.decode()
    )
    answer.refresh_from_db()
    assert answer.revision == 0
