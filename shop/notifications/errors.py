"""Typed errors of the notifications domain."""

from __future__ import annotations


class NotificationError(Exception):
    pass


class MessageNotFound(NotificationError):
    def __init__(self, message_id: int) -> None:
        self.message_id = message_id
        super().__init__(f"no outbox message {message_id}")


class NotResendable(NotificationError):
    """Only failed emails are resent: a pending one is on its way, a sent one arrived."""

    def __init__(self, message_id: int, status: str) -> None:
        self.message_id = message_id
        self.status = status
        super().__init__(f"outbox message {message_id} is {status}, not failed")
