import importlib

from django.apps import apps

import pytest

# The reports' small hand-built organisation, for learning's report sections.
from tests.portfolio.reports.conftest import riverside  # noqa: F401

TOPIC_SEED = importlib.import_module("learning.migrations.0002_seed_topics")


@pytest.fixture(autouse=True)
def seeded_topics(db):
    """The topics a data migration seeds: transactional tests elsewhere in the
    run flush them away, so learning's tests put them back (idempotently)."""
    TOPIC_SEED.seed(apps, None)
