"""Errors of the payments domain."""


class PaymentError(Exception):
    """Base of payment errors."""


class GatewayError(PaymentError):
    """The payment provider could not be reached or refused the request."""


class InvalidSignature(PaymentError):
    """A webhook whose signature is missing, forged, tampered with or too old."""


class PaymentNotFound(PaymentError):
    """No payment answers to that session id."""
