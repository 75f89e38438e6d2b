import pytest

from members import services as member_services


@pytest.fixture
def token_for():
    def make(user, name="script"):
        return member_services.token_create(user=user, name=name)[1]

    return make


@pytest.fixture
def bearer(token_for):
    def headers(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"}

    return headers
