"""The documents the network grew out of (the seed documents in `../shared/seeds/`), by the
file names that seeded records cite as their source (Sourced.source_document)."""

WORKSHOP_2004 = "000_61f360c1c0374434.txt"  # IRC announcement of the 2004 Florence workshop
PUBLICATIONS_LIST = "001_05c7fb9633e30eef.txt"  # IRC hub: recent publications
CBSS_PROJECT = "002_7ba33534f483e0b9.txt"  # CBSS: Information Management to Prevent Trafficking
INNOCENTI_EUROPE = "003_8cf0fe8c0d5d0425.txt"  # IRC Insight: Child Trafficking in Europe
IOM_2009 = "004_de0caca595e3c395.txt"  # IOM presentation, Geneva, 9 July 2009

ALL = [WORKSHOP_2004, PUBLICATIONS_LIST, CBSS_PROJECT, INNOCENTI_EUROPE, IOM_2009]
