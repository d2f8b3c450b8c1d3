FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var STATIC_MANIFEST=true
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home planner && mkdir -p var && chown -R planner var
USER planner

EXPOSE 8000
CMD ["gunicorn", "careerplanner.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
