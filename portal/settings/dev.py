"""Local development: the embedded default.

Debug pages follow ``DJANGO_DEBUG`` as ``docs/env-vars.md`` says (read in
``base``); ``make run`` turns them on, and a server started with
``DJANGO_DEBUG=false`` shows the portal's own error pages.
"""

from portal.settings.base import *  # noqa: F403
