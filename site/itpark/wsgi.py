"""WSGI entry point: `gunicorn --chdir site itpark.wsgi` or `gunicorn itpark.wsgi --pythonpath site`."""

import os
import sys
from pathlib import Path

# site/ is the source root (see manage.py); make it importable whatever the cwd.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "itpark.settings.production")

application = get_wsgi_application()
