"""What can go wrong with events and registrations."""


class EventError(Exception):
    pass


class EventNotFound(EventError):
    """No published, upcoming event with that id (or a staff id that does not exist)."""


class EventFull(EventError):
    """Every seat is taken."""


class EventClosed(EventError):
    """The event has started, ended or was cancelled: registration is closed."""


class AlreadyRegistered(EventError):
    """This email already holds a seat."""


class RegistrationNotFound(EventError):
    """The cancel link is unknown or was already used."""


class InvalidEvent(EventError):
    """Staff typed something that cannot make an event (message says what)."""
