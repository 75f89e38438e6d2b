"""CSV downloads, pages and API alike: every cell passes through csv_cell."""

import csv

from django.http import HttpResponse

# A cell starting with one of these is run as a formula by spreadsheet programs (tab and
# carriage return too: some strip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value as text a spreadsheet shows as text: lists joined with ";", None empty, and a
    leading formula character neutralized with an apostrophe."""
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_download(filename, header, rows):
    """An attachment with the header row and each row's cells neutralized."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response
