"""Settings of every process the benchmark starts: the app's own, with the benchmark's pages
mounted beside the app's (tests/bench/urls.py). A deployment never loads this module."""

from pathlib import Path

from careerplanner.settings import *  # noqa: F403
from careerplanner.settings import TEMPLATES

ROOT_URLCONF = "tests.bench.urls"
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], Path(__file__).with_name("templates")]}
]
