"""Shared API fields."""

import pytest
from rest_framework.exceptions import ValidationError

from hallbar.api.fields import UrnRelatedField
from hallbar.frameworks.models import FrameworkItem

pytestmark = pytest.mark.django_db


def test_a_urn_with_a_nul_character_is_not_found_instead_of_reaching_the_database():
    field = UrnRelatedField(queryset=FrameworkItem.objects.all(), many=True)
    known = FrameworkItem.objects.order_by("pk").first()
    assert field.run_validation([known.urn]) == [known]
    with pytest.raises(ValidationError) as refused:
        field.run_validation(["urn:hallbar:sdg:13\x00"])
    assert refused.value.detail[0].code == "does_not_exist"
