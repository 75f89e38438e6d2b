"""What the members services share."""

# Paths under /members/ that an organization's slug must never shadow.
RESERVED_SLUGS = {"apply", "people", "profile", "invitations", "new", "mine"}
