"""What the discussion services share: limits and the permission check."""

import logging
import re

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RATE_LIMIT = 20  # messages per person…
RATE_WINDOW = 10  # …in this many seconds
MAX_MENTIONS = 20
# Paths under /discussions/ that a room's slug must never shadow.
RESERVED_SLUGS = {"new", "notifications", "reports"}
MENTION_RE = re.compile(r"(?<![\w@])@(\w[\w.+-]*)")


def _require(user, perm, obj, detail=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(detail or gettext("You may not do this here."))
