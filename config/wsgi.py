import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Each web process builds OpenFisca's tax-benefit system once, when it starts (gunicorn --preload: once
# for all its workers), never in a request: pages only read stored estimates and check commune codes.
from alliances.rights.warm import warm_web_process  # noqa: E402  (after Django is set up)

warm_web_process()
