"""The default labels and thresholds of the risk matrix, from the versioned data file ``data/scales.yaml``."""

from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

from .calculations import Thresholds

DATA_FILE = Path(__file__).parent / "data" / "scales.yaml"
SCALES = ("likelihood", "consequence")
LANGUAGES = ("sv", "en")


@cache
def data() -> dict:
    with DATA_FILE.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def version() -> int:
    return data()["version"]


def labels(scale: str, size: int, language: str | None = None) -> list[str]:
    """The default labels of a scale with ``size`` levels, lowest first, in ``language`` (default:
    the active language; Swedish when it is neither Swedish nor English)."""
    language = (language or get_language() or "sv")[:2]
    by_language = data()[scale][size]
    return list(by_language[language if language in LANGUAGES else "sv"])


def thresholds(likelihood_levels: int, consequence_levels: int) -> Thresholds:
    return tuple(data()["thresholds"][f"{likelihood_levels}x{consequence_levels}"])
