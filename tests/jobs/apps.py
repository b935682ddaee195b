from django.apps import AppConfig


class JobsTestsConfig(AppConfig):
    """A job kind of the tests' own (installed by portal.settings.test only),
    so the jobs package is proved by itself, not only through the portal's
    kinds."""

    name = "tests.jobs"
    label = "jobs_tests"
