"""Load the themes of ``data/themes.yaml`` (idempotent; after every migrate)."""

from pathlib import Path

import yaml
from django.db import transaction

THEMES_FILE = Path(__file__).parent / "data" / "themes.yaml"


def load_themes(using: str = "default", path: Path = THEMES_FILE) -> int:
    from .models import Theme

    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = content["themes"]
    with transaction.atomic(using=using):
        for order, row in enumerate(rows):
            Theme.objects.using(using).update_or_create(
                key=row["key"], defaults={"name_sv": row["sv"], "name_en": row["en"], "order": order, "is_active": True}
            )
        Theme.objects.using(using).exclude(key__in=[row["key"] for row in rows]).update(is_active=False)
    return len(rows)
