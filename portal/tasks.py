"""Tasks that belong to the portal as a whole."""

from portal.celery import app


@app.task(name="portal.broker_round_trip", acks_late=True)
def broker_round_trip(nonce: str) -> str:
    """Echo a value back: proves a worker is consuming from the broker."""
    return nonce
