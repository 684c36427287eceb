"""The site's WSGI application with static files served by WhiteNoise straight
from static/, as production serves them (without collectstatic), so a static
file's time on the same server is a fair baseline. Used by bench/map_api.py."""

from pathlib import Path

from whitenoise import WhiteNoise

from itpark.wsgi import application as site_application

application = WhiteNoise(site_application, root=Path(__file__).resolve().parent.parent / "static", prefix="static/")
