# The authorization matrix's world (tests/security/world.py), built once per module that uses
# it: test_every_page.py renders every page of the matrix in French and Russian.
from tests.security.conftest import world  # noqa: F401
