"""Query expressions every app's selectors share."""

from django.db.models import F, Func, IntegerField, Subquery


def row_count(queryset):
    """An annotation: how many rows of `queryset` (filtered on OuterRef by the caller) there
    are. Count() over several joined relations multiplies their rows before counting (a list
    of 300 priorities with their endorsements, supporters and gaps spent 26 ms so); a
    correlated subquery per relation counts each on its own index."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def filter_given(queryset, filters, **lookups):
    """`queryset` narrowed by each filter of `filters` that is given (not empty): `lookups`
    names, for each filter, the field lookup its value is matched with (`kind="kind"`,
    `organization="organizers"`). One filter() a lookup, as a selector chains them."""
    for name, lookup in lookups.items():
        if value := filters.get(name):
            queryset = queryset.filter(**{lookup: value})
    return queryset
