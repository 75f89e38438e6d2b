"""The text tables the benchmark prints: a row a page, the anonymous visitor's figures beside
the signed-in member's."""

WHO = ("anonymous", "member")


def side_by_side(title, rows, cell, *, width, side, heading, cut=False):
    """Lines of a table of `rows` ({label: {who: figures}}): `cell(figures, who)` writes one side of
    a row under `heading`; `side` is how wide the "anonymous" and "signed in" titles are
    centred; `cut` shortens labels longer than the first column's `width`."""
    lines = [
        f"{title:{width}} | {'anonymous':^{side}} | {'signed in':^{side}}",
        f"{'':{width}} | {heading} | {heading}",
    ]
    for label, figures in rows.items():
        first, second = (cell(figures[who], who) for who in WHO)
        lines.append(f"{label[:width] if cut else label:{width}} | {first} | {second}")
    return lines


def refused(figures):
    """A mark after a row whose answers were not all 2xx (a 429 of the search limit is answered
    in a millisecond: such a row's rate is not the page's)."""
    bad = figures.get("non_2xx") or 0
    return f" !{bad}/{figures.get('requests') or '?'} not 2xx" if bad else ""
