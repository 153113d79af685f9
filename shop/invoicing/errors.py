"""Typed errors of the invoicing domain."""


class InvoicingError(Exception):
    pass


class NotInvoiceable(InvoicingError):
    """The order is not paid, or its customer asked for no invoice."""


class InvoiceNotFound(InvoicingError):
    pass


class InvalidMonth(InvoicingError):
    pass
