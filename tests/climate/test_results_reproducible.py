"""docs/methods/carbon-budget-results-2026.csv is what the shipped data and the default preset give.

Recomputes every municipality's figures and compares every number with the published file, so a change
of the method, a preset or the shipped data shows here. Regenerate the file with the command in
docs/methods/carbon-budget.md ("Reproducing the results") when such a change is intended.
"""

import csv
import io
from pathlib import Path

import pytest
from django.utils import translation

from hallbar.climate.exports import results_csv
from hallbar.climate.models import BudgetMethod
from hallbar.climate.reference import default_method_key
from hallbar.climate.results import municipality_results

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "methods" / "carbon-budget-results-2026.csv"
TEXT = {"Municipality code", "Municipality", "County", "Preset", "Emission release", "Budget runs out (on the trend)"}


def parse(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_the_published_results_are_reproduced_number_by_number():
    method = BudgetMethod.objects.get(organisation=None, key=default_method_key())
    with translation.override("en"):
        computed = parse(results_csv(municipality_results(method, 2026)))
    published = parse(PUBLISHED.read_bytes())
    assert [row["Municipality code"] for row in computed] == [row["Municipality code"] for row in published]
    assert len(published) == 290
    differences = []
    for mine, theirs in zip(computed, published, strict=True):
        assert mine.keys() == theirs.keys()
        for column, value in theirs.items():
            if column in TEXT or value == "":
                same = mine[column] == value
            else:
                same = mine[column] != "" and float(mine[column]) == pytest.approx(float(value), abs=0.11, rel=1e-9)
            if not same:
                differences.append(f"{theirs['Municipality code']} {column}: published {value}, now {mine[column]}")
    assert not differences, "\n".join(differences[:20])
