# One image for web (gunicorn), worker and beat (Celery) and the one-shot migrate service.
# It holds what the app needs to run (requirements.lock), no development tools.
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var STATIC_MANIFEST=true \
    LOG_FORMAT=json
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home planner && mkdir -p var && chown -R planner var
USER planner

EXPOSE 8000
# gunicorn.conf.py (read from /app) sets the bind address, workers and timeouts.
CMD ["gunicorn", "careerplanner.wsgi:application"]
