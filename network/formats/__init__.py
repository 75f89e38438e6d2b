"""Dates as each interface language writes them (FORMAT_MODULE_PATH): a template asks for
DATE_FORMAT or DATETIME_FORMAT and gets "20 Dec 2026", "20 décembre 2026" or "20 декабря 2026"
rather than an English pattern whose month Django title-cases in every language ("Déc").
A time carries its zone: the people of the network read it in many."""
