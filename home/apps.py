from django.apps import AppConfig
from django.db.models.signals import post_migrate


def refill_search_terms(using, **kwargs):
    """Rank every indexed word again when the search boosts' weights have changed since
    home_search_term was filled (home/migrations/0004): its ranks are computed with them."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('home_search_weights') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return
        cursor.execute("SELECT weights FROM home_search_weights")
        row = cursor.fetchone()
        if row is None or row[0] != get_sql_weights():
            cursor.execute("SELECT home_search_terms_refill(%s)", [get_sql_weights()])


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and pages"

    def ready(self):
        post_migrate.connect(refill_search_terms, sender=self)
