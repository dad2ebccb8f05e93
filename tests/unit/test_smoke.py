from hallbar.frameworks.models import Library
from hallbar.organisations.models import Municipality


def test_reference_data_loaded_by_migrate(db):
    assert Municipality.objects.count() == 290
    assert Library.objects.filter(urn="urn:hallbar:library:sdg").exists()


def test_dashboard_for_member(world_a, client_for):
    response = client_for(world_a.user("reader")).get("/")
    assert response.status_code == 200
    assert world_a.organisation.name in response.content.decode()
