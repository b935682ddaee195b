"""The Celery queues, one per kind of work that must not wait behind another.

A queue of PDF builds (seconds each) must never delay a search index update
(milliseconds) or a notification: each job kind names its queue
(``DurableJob.job_queue``) and production runs a worker for each (see
docs/deploy.md). A worker started without ``-Q`` consumes all of them, so the
local setup still works with one worker.
"""

#: The sweep, the heartbeats, the periodic planners and anything undeclared.
DEFAULT = "celery"
#: Search index updates (small, latency matters: a person's own search).
INDEX = "index"
#: Notification dispatches (emails).
NOTIFICATIONS = "notifications"
#: Long work: exports, framework imports, index rebuilds.
EXPORTS = "exports"

QUEUES = (DEFAULT, INDEX, NOTIFICATIONS, EXPORTS)
