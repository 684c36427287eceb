#!/usr/bin/env python
"""Django's command-line utility for the Kaliningrad IT Park site."""

import os
import sys
from pathlib import Path

# site/ is the source root. It is not a package: "site" is a stdlib module.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itpark.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
