"""The staff form for an encounter: both languages, Milan local times, capacity."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from shop.events.models import EventStatus
from shop.events.services import EventData

MILAN = ZoneInfo("Europe/Rome")


class EventForm(FlaskForm):
    title_it = StringField(_l("Title (Italian)"), validators=[InputRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[InputRequired(), Length(max=200)])
    description_it = TextAreaField(_l("Description (Italian)"),
                                   validators=[Optional(), Length(max=5000)])
    description_en = TextAreaField(_l("Description (English)"),
                                   validators=[Optional(), Length(max=5000)])
    starts_at = DateTimeLocalField(_l("Starts (Milan time)"), format="%Y-%m-%dT%H:%M",
                                   validators=[InputRequired()])
    ends_at = DateTimeLocalField(_l("Ends (Milan time)"), format="%Y-%m-%dT%H:%M",
                                 validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[InputRequired(), Length(max=200)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=300)])
    capacity = IntegerField(_l("Seats"), validators=[InputRequired(),
                                                     NumberRange(min=1, max=10000)])
    status = SelectField(_l("Status"), choices=[
        SelectChoice(EventStatus.DRAFT, _l("Draft: not shown")),
        SelectChoice(EventStatus.PUBLISHED, _l("Published")),
        SelectChoice(EventStatus.CANCELLED, _l("Cancelled"))])

    @classmethod
    def for_event(cls, event):
        texts = {t.locale: t for t in event.translations}

        def local(moment: datetime) -> datetime:
            return moment.astimezone(MILAN).replace(tzinfo=None)

        return cls(formdata=None, data={
            "title_it": texts["it"].title if "it" in texts else "",
            "title_en": texts["en"].title if "en" in texts else "",
            "description_it": texts["it"].description if "it" in texts else "",
            "description_en": texts["en"].description if "en" in texts else "",
            "starts_at": local(event.starts_at), "ends_at": local(event.ends_at),
            "place": event.place, "address": event.address, "capacity": event.capacity,
            "status": event.status})

    def to_data(self) -> EventData:
        return EventData(
            starts_at=self.starts_at.data.replace(tzinfo=MILAN),
            ends_at=self.ends_at.data.replace(tzinfo=MILAN),
            place=self.place.data.strip(), address=(self.address.data or "").strip(),
            capacity=self.capacity.data, status=self.status.data,
            titles={"it": self.title_it.data, "en": self.title_en.data},
            descriptions={"it": self.description_it.data or "",
                          "en": self.description_en.data or ""})
