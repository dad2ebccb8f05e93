from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from hallbar.accounts.models import Membership

from .viewsets import ScopedReadOnlyViewSet


class MembershipSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organisation", "unit", "role", "is_active", "email", "name"]


class MembershipViewSet(ScopedReadOnlyViewSet):
    """Who has which role, in the organisations you are a member of."""

    queryset = Membership.objects.select_related("user")
    serializer_class = MembershipSerializer


class MeSerializer(serializers.Serializer):
    email = serializers.EmailField()
    name = serializers.CharField()
    language = serializers.CharField()
    memberships = MembershipSerializer(many=True)


@extend_schema(responses=MeSerializer, summary="The authenticated user and their roles")
@api_view(["GET"])
def me(request):
    memberships = Membership.objects.filter(
        user=request.user, is_active=True, organisation__is_active=True
    ).select_related("user")
    return Response(
        MeSerializer(
            {
                "email": request.user.email,
                "name": request.user.full_name,
                "language": request.user.language,
                "memberships": memberships,
            }
        ).data
    )
