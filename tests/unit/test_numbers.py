"""Numbers as people read them, in Swedish and English."""

import pytest
from django.utils import translation

from hallbar.core.numbers import measure


@pytest.mark.parametrize(
    ("value", "swedish", "english"),
    [
        (None, "–", "–"),
        (4.5, "4,5", "4.5"),
        (4.0, "4", "4"),
        (0.12345, "0,123", "0.123"),
        (123.456, "123,5", "123.5"),
        (1237762.379, "1\xa0237\xa0762", "1,237,762"),
        (9999.4, "9\xa0999", "9,999"),
        (1234.5, "1\xa0235", "1,235"),  # half away from zero, as in the charts
        (-2.25, "-2,25", "-2.25"),
    ],
)
def test_measure(value, swedish, english):
    with translation.override("sv"):
        assert measure(value) == swedish
    with translation.override("en"):
        assert measure(value) == english
    assert measure(4.56789, max_decimals=1) in ("4,6", "4.6")
