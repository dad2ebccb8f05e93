"""A fake transport that serves the recorded v3 responses in recorded/ (see recorded/README.md)."""

import json
from pathlib import Path

import pytest

from hallbar.kolada import KoladaClient

RECORDED = Path(__file__).parent / "recorded"
BASE = "https://api.kolada.se/v3"

ROUTES = {
    f"{BASE}/kpi/N00401?per_page=5000": "kpi_N00401.json",
    f"{BASE}/kpi?title=Bruttoregionprodukt&per_page=5000": "kpi_title_bruttoregionprodukt.json",
    f"{BASE}/municipality_groups?per_page=2": "municipality_groups_page1.json",
    f"{BASE}/municipality_groups?per_page=2&page=2": "municipality_groups_page2.json",
    f"{BASE}/data/kpi/N03702/municipality/0180,1280,1480/year/2018,2019?per_page=3": (
        "data_N03702_3_municipalities_2018_2019_page1.json"
    ),
    f"{BASE}/data/kpi/N03702/municipality/0180,1280,1480/year/2018,2019?per_page=3&page=2": (
        "data_N03702_3_municipalities_2018_2019_page2.json"
    ),
    f"{BASE}/data/kpi/N00945/municipality/0180,1280,1480?per_page=5000": "data_N00945_storstader_all_years.json",
    f"{BASE}/data/kpi/N00945/municipality/1860/year/2009?per_page=5000": "data_N00945_1860_2009_doc_example.json",
}


def recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


class FakeTransport:
    """Serves ROUTES; `script` lists answers to give first, in order: (status, body) or an exception."""

    def __init__(self, routes=None, script=()):
        self.routes = ROUTES if routes is None else routes
        self.script = list(script)
        self.calls: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout: float) -> tuple[int, bytes]:
        self.calls.append((url, timeout))
        if self.script:
            answer = self.script.pop(0)
            if isinstance(answer, BaseException):
                raise answer
            return answer
        if url not in self.routes:
            return 404, b'{"error": "not found"}'
        return 200, (RECORDED / self.routes[url]).read_bytes()

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.calls]


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def transport():
    return FakeTransport()


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
def make_client(transport, sleeps):
    def make(**kwargs):
        kwargs.setdefault("transport", transport)
        kwargs.setdefault("sleep", sleeps)
        return KoladaClient(**kwargs)

    return make
