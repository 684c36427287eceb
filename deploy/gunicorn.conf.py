"""gunicorn settings for the site: `gunicorn -c deploy/gunicorn.conf.py itpark.wsgi`.

Everything can be overridden from the environment (the systemd unit's
EnvironmentFile, or `make rehearsal`):

GUNICORN_BIND     where to listen (default 127.0.0.1:8001; Varnish's backend)
WEB_CONCURRENCY   worker processes (default 2 × CPUs + 1, gunicorn's advice for sync workers)
GUNICORN_TIMEOUT  seconds a request may take before its worker is replaced (default 30)
GUNICORN_ACCESS_LOG  where the access log goes ("-": stdout, the journal under systemd)
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

wsgi_app = "itpark.wsgi:application"
pythonpath = str(ROOT / "site")  # site/ is the source root, not a package
chdir = str(ROOT)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"  # every page is a short database-bound request; Varnish absorbs slow clients
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5  # seconds: Varnish and nginx keep connections to the app open
# Workers are replaced now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

# No control socket: nothing manages gunicorn through it here (systemd does,
# with signals), and it would otherwise be created in the user's home.
control_socket_disable = True

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The reader's address, as nginx passes it on (X-Real-IP), and the time taken in microseconds.
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
proc_name = "itpark"
# Only the local proxies may say which scheme and client a request came from.
forwarded_allow_ips = "127.0.0.1,::1"
