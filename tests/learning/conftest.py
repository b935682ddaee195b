# The reports' small hand-built organisation, for learning's report sections.
from tests.portfolio.reports.conftest import riverside  # noqa: F401
