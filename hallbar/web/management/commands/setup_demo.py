from django.core.management.base import BaseCommand
from django.utils import translation

from hallbar.demo import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Create the demo organisation (Linköpings kommun) with one user per role. Idempotent."

    def handle(self, *args, **options):
        with translation.override("sv"):
            logins = build_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Log in with any of these (password: {DEMO_PASSWORD}):"))
        for email, role, where in logins:
            self.stdout.write(f"  {email:40} {role:28} {where}")
