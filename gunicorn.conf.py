"""gunicorn's settings. gunicorn reads this file from the folder it starts in (the image's
/app, the project folder), so the image, compose and the tests all run with it. Why these
values: README.md, "Deployment"."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# nginx in front buffers whole requests and responses, so a slow client never holds a
# worker; what can is a slow dependency. Threads let a process go on serving while one
# request waits on the database, for less memory than more processes.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2))
threads = int(os.environ.get("GUNICORN_THREADS", 4))

# Longer than PostgreSQL's statement timeout (30 s, settings.py), so the database ends a
# runaway query and the request fails cleanly before gunicorn has to kill the worker.
timeout = 35
graceful_timeout = 30
# Longer than nginx's keepalive_timeout to its upstream (60 s): nginx, not gunicorn, closes
# an idle connection, so nginx never sends a request on a connection being closed.
keepalive = 65
# A listening socket for each process, so the kernel spreads new connections evenly between
# them. On one shared socket, whichever process woke first could take every keep-alive
# connection nginx (or a benchmark) opened, and the other process idled.
reuse_port = True


# With PROMETHEUS_MULTIPROC_DIR set (the image sets it), each worker process keeps its request
# metrics in files there and /metrics adds them up (docs/operations.md). Files of an earlier
# run are cleared at start, and a worker that exits is marked so its gauges stop counting.
def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
