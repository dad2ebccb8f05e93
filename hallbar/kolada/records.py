"""Plain dataclasses for what the client returns, and their parsing from v3 JSON objects."""

from dataclasses import dataclass

from .errors import KoladaError

#: Gender codes as the v3 API writes them: total, kvinnor (women), män (men).
GENDER_TOTAL, GENDER_WOMEN, GENDER_MEN = "T", "K", "M"
GENDERS = (GENDER_TOTAL, GENDER_WOMEN, GENDER_MEN)


@dataclass(frozen=True)
class Kpi:
    id: str
    title: str
    description: str = ""
    is_divided_by_gender: bool = False
    municipality_type: str = ""  # "K" municipality, "L" region, "A" both
    auspice: str | None = None
    operating_area: str = ""
    perspective: str = ""
    prel_publication_date: str | None = None
    publication_date: str | None = None
    publ_period: str | None = None
    has_ou_data: bool = False


@dataclass(frozen=True)
class GroupMember:
    id: str
    title: str


@dataclass(frozen=True)
class MunicipalityGroup:
    id: str
    title: str
    members: tuple[GroupMember, ...] = ()


@dataclass(frozen=True)
class KpiValue:
    """One flattened value: a (kpi, municipality, year) data object yields one of these per gender."""

    kpi: str
    municipality_id: str
    year: int
    gender: str  # "T", "K" or "M"; any other code the API sends is kept as it is
    value: float | None
    status: str = ""
    count: int | None = None
    is_deleted: bool = False

    @property
    def period(self) -> int:
        """The API's name for `year`."""
        return self.year


def _shape_error(what: str, obj: object) -> KoladaError:
    text = repr(obj)
    if len(text) > 200:
        text = text[:200] + "…"
    return KoladaError(f"Unexpected shape in Kolada response: {what} (got {text})")


def _require_str(obj: dict, key: str, what: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise _shape_error(f"{what} has no string {key!r}", obj)
    return value


def _opt_str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    return str(value)


def _bool(value: object) -> bool:
    # v3 sends booleans, v2 sent 0/1.
    return value in (True, 1, "1", "true", "True")


def parse_kpi(obj: object) -> Kpi:
    if not isinstance(obj, dict):
        raise _shape_error("a KPI is not an object", obj)
    return Kpi(
        id=_require_str(obj, "id", "a KPI"),
        title=_require_str(obj, "title", "a KPI"),
        description=obj.get("description") or "",
        is_divided_by_gender=_bool(obj.get("is_divided_by_gender")),
        municipality_type=obj.get("municipality_type") or "",
        auspice=_opt_str(obj, "auspice") or _opt_str(obj, "auspices"),
        operating_area=obj.get("operating_area") or "",
        perspective=obj.get("perspective") or "",
        prel_publication_date=_opt_str(obj, "prel_publication_date"),
        publication_date=_opt_str(obj, "publication_date"),
        publ_period=_opt_str(obj, "publ_period"),
        has_ou_data=_bool(obj.get("has_ou_data")),
    )


def parse_group(obj: object) -> MunicipalityGroup:
    if not isinstance(obj, dict):
        raise _shape_error("a municipality group is not an object", obj)
    members = obj.get("members") or []
    if not isinstance(members, list):
        raise _shape_error("a municipality group's members is not a list", obj)
    parsed = []
    for member in members:
        if not isinstance(member, dict):
            raise _shape_error("a group member is not an object", member)
        parsed.append(GroupMember(id=_require_str(member, "id", "a group member"), title=member.get("title") or ""))
    return MunicipalityGroup(
        id=_require_str(obj, "id", "a municipality group"),
        title=_require_str(obj, "title", "a municipality group"),
        members=tuple(parsed),
    )


def _year(obj: dict) -> int:
    # The v3 docs show "period": 2009 (a number); v2 sent a string. rKolada's flattened tables call it "year".
    raw = obj.get("period", obj.get("year"))
    if isinstance(raw, bool):
        raise _shape_error("a data object's period is not a year", obj)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    raise _shape_error("a data object's period is not a year", obj)


def _number(entry: dict) -> float | None:
    raw = entry.get("value")
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _shape_error("a value is neither a number nor null", entry)
    return float(raw)


def parse_data_object(obj: object) -> list[KpiValue]:
    """Flatten one data object {kpi, municipality, period, values: [...]} into one KpiValue per gender."""
    if not isinstance(obj, dict):
        raise _shape_error("a data object is not an object", obj)
    kpi = _require_str(obj, "kpi", "a data object")
    municipality = _require_str(obj, "municipality", "a data object")
    year = _year(obj)
    entries = obj.get("values")
    if not isinstance(entries, list):
        raise _shape_error("a data object has no 'values' list", obj)
    result = []
    for entry in entries:
        if not isinstance(entry, dict) or "value" not in entry:
            raise _shape_error("a value entry is not an object with a 'value'", entry)
        gender = _require_str(entry, "gender", "a value entry")
        count = entry.get("count")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            raise _shape_error("a value entry's count is not an integer", entry)
        result.append(
            KpiValue(
                kpi=kpi,
                municipality_id=municipality,
                year=year,
                gender=gender,
                value=_number(entry),
                status=entry.get("status") or "",
                count=count,
                # from_date queries flag deletions: "isdeleted" (bool) in v3, "is_deleted" (0/1) in v2.
                is_deleted=_bool(entry.get("isdeleted", entry.get("is_deleted"))),
            )
        )
    return result
