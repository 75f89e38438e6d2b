"""The one guard every CSV export (pages and API) puts on its cells."""

# A spreadsheet runs a cell starting with one of these as a formula (tab and carriage return
# can hide the formula that follows them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """The value as text, with a leading quote when a spreadsheet would run it as a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
