"""KoladaClient: reads KPI metadata, municipality groups and KPI values from the Kolada v3 API.

See /work/shared/data/kolada/api_docs/kolada_api_v2_v3_format.md for the format. In short: every answer is
``{"values": [...], "count": n, "next_url": "..."}``; follow ``next_url`` until it is empty or missing.

A fetch returns the complete result or raises (``ValueError`` for bad ids before any request,
``KoladaUnavailable`` when Kolada cannot be reached, ``KoladaError`` for anything else); it never returns a
partial list, so callers can replace a series atomically.
"""

import itertools
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from urllib.parse import quote, urlencode, urljoin, urlsplit

from .errors import KoladaError, KoladaHTTPError, KoladaUnavailable
from .records import Kpi, KpiValue, MunicipalityGroup, parse_data_object, parse_group, parse_kpi
from .transport import Transport, urllib_transport

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
MAX_PER_PAGE = 5000  # the API's maximum page size
MAX_IDS_PER_SEGMENT = 25  # v3 accepts at most 25 comma-separated ids per path segment
MAX_PAGES = 1000  # a guard against a server that keeps sending next_url

KPI_ID = re.compile(r"[A-Z]\d{5}")  # N00401, U07414
MUNICIPALITY_ID = re.compile(r"\d{4}")  # 0180; regions 00xx, 0000 = Riket
GROUP_ID = re.compile(r"G\d{1,8}")  # G92786, G114418
YEAR_RANGE = range(1900, 2101)


def validate_kpi_id(kpi_id: object) -> str:
    if not isinstance(kpi_id, str) or not KPI_ID.fullmatch(kpi_id):
        raise ValueError(f"Not a Kolada KPI id (a capital letter and five digits, like N00401): {kpi_id!r}")
    return kpi_id


def validate_municipality_id(municipality_id: object, *, allow_group: bool = True) -> str:
    if isinstance(municipality_id, str):
        if MUNICIPALITY_ID.fullmatch(municipality_id):
            return municipality_id
        if allow_group and GROUP_ID.fullmatch(municipality_id):
            return municipality_id
    expected = "four digits like 0180 (0000 Riket, 00xx regions)"
    if allow_group:
        expected += " or a group id like G92786"
    raise ValueError(f"Not a Kolada municipality id ({expected}): {municipality_id!r}")


def validate_year(year: object) -> int:
    if isinstance(year, str) and year.isdigit():
        year = int(year)
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEAR_RANGE:
        raise ValueError(f"Not a year: {year!r}")
    return year


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))


def _chunks(items: list, size: int = MAX_IDS_PER_SEGMENT) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _as_list(value, what: str) -> list:
    if isinstance(value, str | int):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise ValueError(f"{what} must be a list, got {value!r}") from None
    if not items:
        raise ValueError(f"{what} must not be empty")
    return items


class KoladaClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float = 10,
        retries: int = 3,
        backoff: float = 0.5,
        transport: Transport | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        per_page: int = MAX_PER_PAGE,
    ):
        """`retries` is the number of further attempts after the first; the n-th retry waits
        `backoff * 2 ** (n - 1)` seconds (0.5, 1, 2 by default)."""
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"Not an http(s) base URL: {base_url!r}")
        if retries < 0 or backoff < 0 or timeout <= 0:
            raise ValueError("retries and backoff must be >= 0 and timeout > 0")
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.transport = transport or urllib_transport
        self.sleep = sleep
        self.per_page = per_page

    # --- public API -------------------------------------------------------------------------------------

    def kpis(self, title_contains: str | None = None) -> list[Kpi]:
        """All KPIs, or those whose title contains `title_contains` (Kolada's own search, case-insensitive)."""
        params = {}
        if title_contains is not None:
            if not isinstance(title_contains, str) or not title_contains.strip():
                raise ValueError("title_contains must be a non-empty string")
            params["title"] = title_contains.strip()
        return [parse_kpi(obj) for obj in self._fetch_all(self.url("kpi", params=params))]

    def kpi(self, kpi_id: str) -> Kpi | None:
        """One KPI's metadata, or None when Kolada does not know the id."""
        validate_kpi_id(kpi_id)
        found = [kpi for kpi in map(parse_kpi, self._fetch_all(self.url("kpi", kpi_id))) if kpi.id == kpi_id]
        return found[0] if found else None

    def municipality_groups(self) -> list[MunicipalityGroup]:
        return [parse_group(obj) for obj in self._fetch_all(self.url("municipality_groups"))]

    def values(self, kpi_id: str, municipality_ids, years=None) -> list[KpiValue]:
        """Values of one KPI for municipalities, regions or groups, one KpiValue per gender and year.

        Without `years`, all years Kolada has. More than 25 ids or years are split into several requests;
        the result is still all or nothing.
        """
        validate_kpi_id(kpi_id)
        ids = _unique(validate_municipality_id(m) for m in _as_list(municipality_ids, "municipality_ids"))
        year_chunks = [None] if years is None else _chunks(_unique(map(validate_year, _as_list(years, "years"))))
        result = []
        for id_chunk, year_chunk in itertools.product(_chunks(ids), year_chunks):
            segments = ["data", "kpi", kpi_id, "municipality", ",".join(id_chunk)]
            if year_chunk is not None:
                segments += ["year", ",".join(map(str, year_chunk))]
            for obj in self._fetch_all(self.url(*segments)):
                result.extend(parse_data_object(obj))
        return result

    # --- URLs and fetching ------------------------------------------------------------------------------

    def url(self, *segments: str, params: dict | None = None) -> str:
        """`base/seg1/seg2?per_page=…&…`; commas between ids stay literal, as in the documented examples."""
        path = "/".join(quote(str(s), safe=",") for s in segments)
        query = urlencode({**(params or {}), "per_page": self.per_page}, quote_via=quote)
        return f"{self.base_url}/{path}?{query}"

    def _fetch_all(self, url: str) -> list:
        """The `values` of every page, following next_url; raises rather than returning part of them."""
        items: list = []
        seen: set[str] = set()
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise KoladaError(f"Kolada's pagination does not end (at {url})")
            seen.add(url)
            page = self._get_json(url)
            values = page.get("values")
            if not isinstance(values, list):
                raise KoladaError(f"Unexpected shape in Kolada response from {url}: no 'values' list")
            items.extend(values)
            url = self._next_url(page, url)
        return items

    def _next_url(self, page: dict, current: str) -> str | None:
        # v3 documents next_url; v2 called it next_page. Empty or missing means this was the last page.
        next_url = page.get("next_url") or page.get("next_page")
        if not next_url:
            return None
        if not isinstance(next_url, str):
            raise KoladaError(f"Unexpected shape in Kolada response from {current}: next_url is not a string")
        next_url = urljoin(current, next_url)
        if urlsplit(next_url).netloc != urlsplit(self.base_url).netloc:
            raise KoladaError(f"Kolada's next_url points to another host: {next_url}")
        return next_url

    def _get_json(self, url: str) -> dict:
        body = self._get(url)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise KoladaError(f"Kolada returned malformed JSON from {url}: {error}") from error
        if not isinstance(data, dict):
            raise KoladaError(f"Unexpected shape in Kolada response from {url}: expected an object with 'values'")
        return data

    def _get(self, url: str) -> bytes:
        """The body of a 2xx answer, retrying timeouts, network errors, 429 and 5xx with exponential backoff."""
        attempts = self.retries + 1
        problem = ""
        for attempt in range(1, attempts + 1):
            if attempt > 1:
                self.sleep(self.backoff * 2 ** (attempt - 2))
            try:
                status, body = self.transport(url, self.timeout)
            except TimeoutError:
                problem = f"timed out after {self.timeout} s"
            except OSError as error:  # URLError, ConnectionError, socket errors
                problem = f"network error: {error}"
            else:
                if 200 <= status < 300:
                    return body
                if status == 429 or status >= 500:
                    problem = f"HTTP {status}"
                else:
                    raise KoladaHTTPError(f"Kolada answered HTTP {status} for {url}", status=status, url=url)
            logger.warning("Kolada request %s failed (attempt %d of %d): %s", url, attempt, attempts, problem)
        raise KoladaUnavailable(
            f"Kolada could not be reached at {url} after {attempts} attempts ({problem}); nothing was changed",
            url=url,
            attempts=attempts,
        )
