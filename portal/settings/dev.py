"""Local development: the embedded default with debugging on."""

from portal.settings.base import *  # noqa: F403

DEBUG = True
