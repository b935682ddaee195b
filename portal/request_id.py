"""One id per request, in every log line it causes, including the lines of
the Celery jobs it enqueues (carried in the task message's headers).

A load balancer's `X-Request-ID` is kept when it looks like an id, so a line
in the balancer's log and the portal's can be matched; otherwise a new one is
made. The response carries it back.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
#: The task message header that carries it into a worker.
TASK_HEADER = "request_id"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

request_id: ContextVar[str] = ContextVar("request_id", default="")
_task: ContextVar[tuple[str, str]] = ContextVar("task", default=("", ""))


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        current = given if _ACCEPTED.match(given) else uuid.uuid4().hex
        # Kept until the response is finished (below), not reset here:
        # Django logs a 4xx/5xx ("Not Found: …") after the middleware.
        request_id.set(current)
        response = self.get_response(request)
        response[HEADER] = current
        return response


@receiver(request_finished)
def _forget_request_id_after_response(**kwargs):
    request_id.set("")


class RequestIdFilter(logging.Filter):
    """Adds request_id (and, in a worker, task_id and task) to every record."""

    def filter(self, record):
        record.request_id = request_id.get()
        record.task_id, record.task = _task.get()
        return True


@before_task_publish.connect
def _carry_request_id(headers=None, **kwargs):
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault(TASK_HEADER, current)


@task_prerun.connect
def _adopt_request_id(task_id=None, task=None, **kwargs):
    carried = getattr(task.request, TASK_HEADER, None) or (
        getattr(task.request, "headers", None) or {}
    ).get(TASK_HEADER, "")
    # An eager task (no broker) runs inside the request: keep its id.
    request_id.set(carried or request_id.get())
    _task.set((task_id or "", task.name))


@task_postrun.connect
def _forget_request_id(**kwargs):
    if not _is_eager(kwargs.get("task")):
        request_id.set("")
    _task.set(("", ""))


def _is_eager(task) -> bool:
    return bool(task is not None and getattr(task.request, "is_eager", False))
