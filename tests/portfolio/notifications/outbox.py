"""An email backend for tests with a real worker process: it appends one line
per message to a file, so the test can count deliveries across processes and
across killed workers (single small O_APPEND writes are not interleaved).

Messages to an address at ``fails.invalid`` are refused, as an SMTP server
would, to give the fault tests a task that always crashes."""

import os

from django.core.mail.backends.base import BaseEmailBackend

FAILING_DOMAIN = "@fails.invalid"


class RefusedRecipient(Exception):
    pass


class AppendingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        path = os.environ["PORTFOLIO_TEST_OUTBOX"]
        for message in email_messages:
            if any(to.endswith(FAILING_DOMAIN) for to in message.to):
                raise RefusedRecipient(f"Recipient refused: {message.to}")
            line = f"{message.extra_headers.get('X-Portfolio-Dispatch', '-')}\n"
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, line.encode())
            finally:
                os.close(descriptor)
        return len(email_messages)


def read_outbox(path) -> list[str]:
    """The dispatch ids of every email sent, one per delivery."""
    try:
        with open(path) as outbox:
            return [line.strip() for line in outbox if line.strip()]
    except FileNotFoundError:
        return []
