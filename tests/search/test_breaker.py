"""The circuit breaker: open after repeated failures, one probe when the pause
is over, closed again by a success."""

import time_machine

from search import breaker


def test_opens_after_the_threshold_and_lets_one_probe_through_later(settings):
    settings.SEARCH_BREAKER_FAILURES = 3
    settings.SEARCH_BREAKER_OPEN_SECONDS = 30
    with time_machine.travel(0, tick=False) as clock:
        breaker.reset()
        for _ in range(2):
            breaker.record_failure()
            assert breaker.allow_request()
        breaker.record_failure()
        assert not breaker.allow_request()
        assert breaker.is_open()
        clock.shift(31)
        assert breaker.allow_request()  # the probe
        assert not breaker.allow_request()  # everyone else waits for it
        breaker.record_failure()  # the probe failed: open again
        assert not breaker.allow_request()
        clock.shift(31)
        assert breaker.allow_request()
        breaker.record_success()
        assert breaker.allow_request() and breaker.allow_request()
        assert not breaker.is_open()


def test_a_success_resets_the_count_of_failures(settings):
    settings.SEARCH_BREAKER_FAILURES = 3
    breaker.reset()
    breaker.record_failure()
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    breaker.record_failure()
    assert breaker.allow_request()
