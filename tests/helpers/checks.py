"""rengo-wagtail's system check messages, as ``manage.py check`` would show them."""

from django.core import checks


def our_messages(databases=None):
    """``{id: message}`` of our checks' messages that settings do not silence; the checks
    that read the database too where ``databases`` names one."""
    return {
        message.id: message
        for message in checks.run_checks(
            include_deployment_checks=False, databases=list(databases) if databases else None
        )
        if message.id and message.id.startswith("rengo_wagtail.") and not message.is_silenced()
    }
