"""An index of the library's default order (newest first: year and month descending, nulls
last, then id; library/selectors.py), so a page reads its rows from the index instead of
sorting every publication (issue 20). PostgreSQL only: SQLite cannot index NULLS LAST, and
the embedded database never holds enough publications to need it."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS publication_newest ON library_publication "
    "(year DESC NULLS LAST, month DESC NULLS LAST, id DESC)"
)
DROP = "DROP INDEX IF EXISTS publication_newest"


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("library", "0003_publication_source_document_publication_source_quote")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
