"""Each indexed word's rank in each search index entry, kept by triggers (issue 20).

A one-word search ranks every entry holding the word to show the best five of each kind, so
its time grew with the tables (a common word is in half the entries). Here each (word, entry)
has its rank computed once, when the entry is written, with the very expression search ranks
by (home/search.py): the rank of the title times its length norm plus the rank of the body,
for the query of that word alone. The best of a kind are then the first rows of an index,
the same rows in the same order. The ranks depend on the boosts' weights, which are kept
beside them (`home_search_weights`); home/search.py refills the table when they change.

PostgreSQL only: SQLite searches Wagtail's own FTS5 table."""

from django.db import migrations

CREATE = r"""
CREATE TABLE IF NOT EXISTS home_search_weights (weights text NOT NULL);
CREATE TABLE IF NOT EXISTS home_search_term (
    lexeme text NOT NULL,
    content_type_id integer NOT NULL,
    object_id bigint NOT NULL,
    score double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS home_search_term_rank
    ON home_search_term (lexeme, content_type_id, score DESC, object_id DESC);
CREATE INDEX IF NOT EXISTS home_search_term_entry
    ON home_search_term (content_type_id, object_id);

-- The rows of one entry: each of its words with the entry's rank for that word alone. The
-- word is quoted as tsquery input quotes a lexeme (quotes and backslashes doubled).
CREATE OR REPLACE FUNCTION home_search_term_rows(entry wagtailsearch_indexentry, rank_weights real[])
RETURNS TABLE (lexeme text, content_type_id integer, object_id bigint, score double precision)
LANGUAGE sql STABLE AS $$
  SELECT t.lexeme, entry.content_type_id, entry.object_id::bigint,
         ts_rank(rank_weights, entry.title, q.q) * entry.title_norm
         + ts_rank(rank_weights, entry.body, q.q) * 1.0::float8
  FROM unnest(entry.title || entry.body) AS t,
       LATERAL (
         SELECT ('''' || replace(replace(t.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
       ) AS q (q)
  WHERE entry.object_id ~ '^[0-9]{1,18}$'
$$;

CREATE OR REPLACE FUNCTION home_search_terms_refill(new_weights text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM home_search_weights;
  INSERT INTO home_search_weights VALUES (new_weights);
  TRUNCATE home_search_term;
  INSERT INTO home_search_term
    SELECT r.* FROM wagtailsearch_indexentry e,
                    LATERAL home_search_term_rows(e, new_weights::real[]) r;
  ANALYZE home_search_term;
END $$;

CREATE OR REPLACE FUNCTION home_search_term_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.object_id ~ '^[0-9]{1,18}$' THEN
    DELETE FROM home_search_term
     WHERE content_type_id = OLD.content_type_id AND object_id = OLD.object_id::bigint;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO home_search_term
      SELECT r.* FROM home_search_weights w,
                      LATERAL home_search_term_rows(NEW, w.weights::real[]) r;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION home_search_term_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE home_search_term;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS home_search_term_sync ON wagtailsearch_indexentry;
CREATE TRIGGER home_search_term_sync
  AFTER INSERT OR DELETE OR UPDATE OF content_type_id, object_id, title, body, title_norm
  ON wagtailsearch_indexentry FOR EACH ROW EXECUTE FUNCTION home_search_term_sync();
DROP TRIGGER IF EXISTS home_search_term_truncate ON wagtailsearch_indexentry;
CREATE TRIGGER home_search_term_truncate
  AFTER TRUNCATE ON wagtailsearch_indexentry
  FOR EACH STATEMENT EXECUTE FUNCTION home_search_term_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS home_search_term_sync ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS home_search_term_truncate ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS home_search_term_sync();
DROP FUNCTION IF EXISTS home_search_term_truncate();
DROP FUNCTION IF EXISTS home_search_terms_refill(text);
DROP FUNCTION IF EXISTS home_search_term_rows(wagtailsearch_indexentry, real[]);
DROP TABLE IF EXISTS home_search_term;
DROP TABLE IF EXISTS home_search_weights;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from modelsearch.backends.database.postgres.weights import get_sql_weights

    schema_editor.execute(CREATE)
    schema_editor.execute("SELECT home_search_terms_refill(%s)", [get_sql_weights()])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_content_locales"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
