"""Option values parsed beyond what click does (names follow ../docs/contract.md)."""
from ..errors import ParameterError


def parse_filters(values):
    """`--filter column=value[,value...]` (repeatable) -> {column: [values]}."""
    filters = {}
    for item in values:
        column, sep, accepted = item.partition("=")
        if not sep or not accepted:
            raise ParameterError(f"--filter expects COLUMN=VALUE[,VALUE...], got {item!r}")
        filters.setdefault(column.strip(), []).extend(v.strip() for v in accepted.split(","))
    return filters
