from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Load the demo content: the park in Russian and English. Idempotent: creates what is "
        "missing and leaves existing content, including editors' changes, as it is."
    )

    def handle(self, *args, **options):
        # Each app that has demo content says so with a `demo` module with a
        # `load(log)` function; they run in INSTALLED_APPS order.
        for app in apps.get_app_configs():
            if module_has_submodule(app.module, "demo"):
                self.stdout.write(f"{app.label}:")
                import_module(f"{app.name}.demo").load(lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
