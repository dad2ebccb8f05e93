"""The demo's consumption footprint: a generated supplier-invoice ledger for 2024 and 2025, imported
through the same service and background task as an upload in the UI.

The ledger is illustrative (``data/ledger.yaml``: invented suppliers and amounts, the default mapping's
accounts, the demo's units) and generated with a fixed seed, so every demo has the same figures. One
CSV file per year goes through :func:`hallbar.consumption.importing.start_import` and is then run at
once by the task the worker would run (:func:`hallbar.consumption.tasks.run_ledger_import`), so the
results pages show totals, hotspots and the change between the years without a worker.
"""

import csv
import io
import random
from datetime import date, timedelta
from functools import cache

import yaml
from django.core.files.base import ContentFile

from hallbar.consumption import importing
from hallbar.consumption.models import LedgerImport
from hallbar.consumption.tasks import run_ledger_import
from hallbar.history.context import acting_as

from .follow_up import DATA
from .story import Demo

COLUMNS = ["datum", "ansvar", "konto", "organisationsnummer", "leverantör", "belopp", "kvantitet", "mängdenhet"]


@cache
def content() -> dict:
    with open(DATA / "ledger.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _amounts(rng: random.Random, lines: int, total: float) -> list[float]:
    """``lines`` positive amounts around their mean that add up to ``total`` (whole öre)."""
    weights = [rng.lognormvariate(0, 0.5) for _line in range(lines)]
    scale = total / sum(weights)
    return [round(weight * scale, 2) for weight in weights]


def ledger_lines(year: int) -> list[list]:
    """The invoice lines of ``year``, by date (the same every time: the seed is fixed per year)."""
    data = content()
    rng = random.Random(f"{data['seed']}-{year}")
    first, days = date(year, 1, 1), (date(year, 12, 31) - date(year, 1, 1)).days
    lines = []
    for stream in data["streams"]:
        total = stream["total"] * (1.0 if year == data["years"][0] else stream["change"])
        if total <= 0:
            continue
        supplier = data["suppliers"][stream["supplier"]]
        for index, amount in enumerate(_amounts(rng, stream["lines"], total)):
            if rng.random() < data["credit_share"]:
                amount = -round(amount * rng.uniform(0.05, 0.4), 2)  # a credit note: a correction
            quantity = ""
            if "quantity" in stream:
                price = stream["price"] * rng.uniform(0.92, 1.08)
                quantity = f"{amount / price:.1f}"
            lines.append(
                [
                    first + timedelta(days=rng.randint(0, days)),
                    stream["units"][index % len(stream["units"])],
                    stream["account"],
                    supplier["org_number"],
                    supplier["name"],
                    f"{amount:.2f}",
                    quantity,
                    stream.get("quantity", "") if quantity else "",
                ]
            )
    lines.sort(key=lambda line: (line[0], line[2], line[1]))
    return lines


def ledger_file(year: int) -> ContentFile:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows([line[0].isoformat(), *line[1:]] for line in ledger_lines(year))
    return ContentFile(text.getvalue().encode("utf-8"), name=f"leverantorsfakturor-{year}.csv")


def build_ledger(demo: Demo) -> list[LedgerImport]:
    """Import each year's file once (nothing when the organisation has ledger imports already)."""
    if LedgerImport.objects.filter(organisation=demo.organisation).exists():
        return []
    user = demo.people["samordnare"]
    jobs = []
    with acting_as(user):
        for year in content()["years"]:
            job = importing.start_import(organisation=demo.organisation, user=user, upload=ledger_file(year))
            run_ledger_import.call(job.pk)  # what the worker does with the queued job, now
            job.refresh_from_db()
            if job.status != LedgerImport.Status.DONE:
                raise RuntimeError(f"The demo ledger {job.original_filename} was not imported: {job.message}")
            jobs.append(job)
    return jobs
