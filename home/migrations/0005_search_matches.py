"""The entries matching a search of several words, with Wagtail's rank for each (issue 20).

Such a search ranks every index entry matching all its words (home/search.py `IndexedHits`).
The GIN index on `title || body` (0002) finds them, but for two common words (a quarter of the
entries) the planner prefers reading the whole table, taking `title || body` for each row,
three times slower: it does not count what joining two vectors costs. This function reads
the entries through that index only (its plan may not scan the table), so the time follows
the entries that match. The rank is the very expression search ranks by: the rank of the
title times its length norm, plus the rank of the body, by the boosts' weights. Object ids
that are not numbers (no kind searched has any) come out NULL and match no visible row.

PostgreSQL only: SQLite searches Wagtail's own FTS5 table."""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION home_search_matches(query tsquery, rank_weights real[])
RETURNS TABLE (content_type_id integer, object_id bigint, score double precision)
LANGUAGE sql STABLE SET enable_seqscan = off AS $$
  SELECT e.content_type_id,
         CASE WHEN e.object_id ~ '^[0-9]{1,18}$' THEN e.object_id::bigint END,
         ts_rank(rank_weights, e.title, query) * e.title_norm
         + ts_rank(rank_weights, e.body, query) * 1.0::float8
  FROM wagtailsearch_indexentry e
  WHERE (e.title || e.body) @@ query
$$;
"""

DROP = "DROP FUNCTION IF EXISTS home_search_matches(tsquery, real[]);"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("home", "0004_search_terms")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
