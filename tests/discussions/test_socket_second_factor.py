"""A role that needs a second factor (here a room moderator) cannot use a room's socket
without one, as it cannot use any page; with TOTP turned on it joins."""

import pytest
from asgiref.sync import sync_to_async

from network.discussions.models import RoomModerator
from tests.discussions.test_consumers import assert_refused, joined, open_socket
from tests.factories import with_totp

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_moderator_without_a_second_factor_is_refused_until_they_turn_it_on(room, member_a):
    # Made moderator directly, without the factory's second factor.
    await sync_to_async(RoomModerator.objects.create)(room=room, user=member_a)
    await assert_refused(await open_socket(member_a, room.slug))
    await sync_to_async(with_totp)(member_a)
    allowed = await joined(member_a, room.slug)
    await allowed.disconnect()
