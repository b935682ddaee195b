"""Durable background work: the lowest layer of the portal.

Anything that must eventually happen is a row first (a concrete subclass of
``jobs.models.DurableJob``), written in the same transaction as its cause;
``jobs.services.job_enqueue`` publishes its task once that transaction
commits, never blocking the request; the task (declared with
``jobs.tasks.job_task``) claims the row with one conditional update, is
retried by Celery's own backoff, and records its final failure on the row;
``jobs.services.jobs_sweep`` re-queues what was lost and gives up after the
kind's limit.

Public names: ``jobs.models.DurableJob``, ``QueueHeartbeat``;
``jobs.queues`` (the queue names); ``jobs.services``: ``job_enqueue``,
``job_claim``, ``job_claim_lease``, ``job_touch``, ``job_note_error``,
``job_record_failure``, ``job_sweep``, ``jobs_sweep``, ``jobs_sweep_started``,
``queue_heartbeat_record``, ``job_kinds``; ``jobs.selectors``:
``queue_health``; ``jobs.tasks``: ``job_task``. This package imports nothing
of ours.
"""
