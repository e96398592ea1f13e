# Alliances: the web service (gunicorn) and the task consumer (run_huey), one image.
# Not built on the development machines (no Docker daemon there): see the README's Production section.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production PORT=8000

# WeasyPrint's libraries (Pango), and curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 alliances

WORKDIR /app
COPY requirements/base.lock requirements/base.lock
RUN pip install --no-cache-dir -r requirements/base.lock
COPY --chown=alliances:alliances . .
# collectstatic needs settings that start: throwaway values, for this step only.
RUN DJANGO_SECRET_KEY=build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(64))') \
    DJANGO_SETTINGS_MODULE=config.settings.dev python manage.py collectstatic --noinput -v0

USER alliances
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD curl -fsS "http://127.0.0.1:${PORT}/sante/" || exit 1
CMD ["gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py"]
