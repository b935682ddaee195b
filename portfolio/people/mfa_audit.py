"""A person's two-factor authenticators going on or off are in the audit log,
like the organisation's MFA requirements. allauth owns the views, so its
signals are the only place to hear of it; the receivers only record."""

from allauth.mfa import signals

from portfolio.people.audit import audit_record


def _record(action: str):
    def receiver(sender, request=None, user=None, authenticator=None, **kwargs):
        audit_record(
            action=action,
            actor=user,
            subject=user,
            target=authenticator,
            after={"type": getattr(authenticator, "type", "")},
        )

    receiver.__name__ = f"record_{action.replace('.', '_')}"
    return receiver


_RECEIVERS = {
    signals.authenticator_added: _record("mfa.added"),
    signals.authenticator_removed: _record("mfa.removed"),
    signals.authenticator_reset: _record("mfa.reset"),
}


def mfa_audit_connect() -> None:
    for signal, receiver in _RECEIVERS.items():
        signal.connect(receiver, dispatch_uid=receiver.__name__)
