"""The maths of the risk matrix, without Django: score, level and the checks of a matrix's bands.

* **Score** = likelihood × consequence, each a level from 1 to the size of its scale (3–5), so a
  score lies between 1 and ``likelihood_levels × consequence_levels``.
* **Level** (low, medium, high, very high) comes from the matrix's *bands*, either
  - by **thresholds**: the scores at which medium, high and very high begin
    (``score < medium_from`` is low, ``medium_from ≤ score < high_from`` medium, and so on), or
  - **cell by cell**: a level chosen for every likelihood × consequence cell.

See docs/methods/risk-matrix.md for the reasoning and a worked example.
"""

from dataclasses import dataclass

LOW, MEDIUM, HIGH, VERY_HIGH = "low", "medium", "high", "very_high"
LEVELS = (LOW, MEDIUM, HIGH, VERY_HIGH)  # in increasing order

MIN_LEVELS, MAX_LEVELS = 3, 5  # the sizes a scale may have

Thresholds = tuple[int, int, int]  # the scores where medium, high and very high begin
Cells = tuple[tuple[str, ...], ...]  # cells[likelihood - 1][consequence - 1] = level


@dataclass(frozen=True)
class Bands:
    """What decides the level of a likelihood × consequence cell in one matrix."""

    likelihood_levels: int
    consequence_levels: int
    thresholds: Thresholds
    cells: Cells | None = None  # None: by the thresholds

    def level(self, likelihood: int, consequence: int) -> str:
        if self.cells is not None:
            return self.cells[likelihood - 1][consequence - 1]
        return level_for_score(score(likelihood, consequence), self.thresholds)


def score(likelihood: int, consequence: int) -> int:
    return likelihood * consequence


def max_score(likelihood_levels: int, consequence_levels: int) -> int:
    return score(likelihood_levels, consequence_levels)


def level_for_score(value: int, thresholds: Thresholds) -> str:
    """The level of a score: the highest band whose threshold the score reaches (low below them all)."""
    level = LOW
    for band, threshold in zip(LEVELS[1:], thresholds, strict=True):
        if value >= threshold:
            level = band
    return level


def rank(level: str) -> int:
    """0 for low … 3 for very high: for comparing and sorting levels."""
    return LEVELS.index(level)


def cells_from_thresholds(likelihood_levels: int, consequence_levels: int, thresholds: Thresholds) -> Cells:
    """The grid of levels the thresholds give: the starting point when bands are set cell by cell."""
    return tuple(
        tuple(level_for_score(score(lik, con), thresholds) for con in range(1, consequence_levels + 1))
        for lik in range(1, likelihood_levels + 1)
    )


def threshold_problems(thresholds: Thresholds, likelihood_levels: int, consequence_levels: int) -> list[str]:
    """What is wrong with the thresholds, as codes: ``"start"`` (medium must begin above the lowest
    score, 1), ``"order"`` (each must be greater than the one before), ``"maximum"`` (none may exceed
    the highest score)."""
    problems = []
    if thresholds[0] <= 1:
        problems.append("start")
    if any(later <= earlier for earlier, later in zip(thresholds, thresholds[1:], strict=False)):
        problems.append("order")
    if max(thresholds) > max_score(likelihood_levels, consequence_levels):
        problems.append("maximum")
    return problems


def grid_fits(cells, likelihood_levels: int, consequence_levels: int) -> bool:
    """A level for every cell of a matrix of this size, and nothing else."""
    return (
        isinstance(cells, list | tuple)
        and len(cells) == likelihood_levels
        and all(isinstance(row, list | tuple) and len(row) == consequence_levels for row in cells)
        and all(level in LEVELS for row in cells for level in row)
    )


def decreasing_cells(cells: Cells) -> list[tuple[int, int]]:
    """Cells (likelihood, consequence) whose level is lower than that of a cell with a lower
    likelihood or a lower consequence: a more likely or more serious event must never rank lower."""
    found = []
    for lik, row in enumerate(cells, start=1):
        for con, level in enumerate(row, start=1):
            below = cells[lik - 2][con - 1] if lik > 1 else LOW
            left = row[con - 2] if con > 1 else LOW
            if rank(level) < max(rank(below), rank(left)):
                found.append((lik, con))
    return found
