"""Flask-Mail's SMTP connection with a socket timeout.

Flask-Mail opens `smtplib.SMTP(host, port)` with no timeout: a mail server that accepts the
connection and never answers would hang the sender for good. Every socket operation here
gives up after MAIL_TIMEOUT seconds instead, and the message is retried later.
"""

from __future__ import annotations

import smtplib

from flask_mail import Connection


class TimeoutConnection(Connection):
    def __init__(self, mail, timeout: float) -> None:
        super().__init__(mail)
        self.timeout = timeout

    def configure_host(self) -> smtplib.SMTP:
        smtp_class = smtplib.SMTP_SSL if self.mail.use_ssl else smtplib.SMTP
        host = smtp_class(self.mail.server, self.mail.port, timeout=self.timeout)
        host.set_debuglevel(int(self.mail.debug))
        if self.mail.use_tls:
            host.starttls()
        if self.mail.username and self.mail.password:
            host.login(self.mail.username, self.mail.password)
        return host
