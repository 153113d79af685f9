"""The audit log's filters (a GET form: no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField
from wtforms.validators import Optional

from shop.audit.queries import AuditFilters
from shop.web import labels

C = SelectChoice


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    person = SelectField(_l("Person"), default="")
    action = SelectField(_l("What happened"), default="")
    entity = SelectField(_l("On what"), default="")
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, actors=(), actions=(), entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.person.choices = [C("", _l("Anyone"))] + [C(str(i), email) for i, email in actors]
        self.action.choices = [C("", _l("Any change"))] + [
            C(code, labels.audit_action(code)) for code in actions]
        self.entity.choices = [C("", _l("Anything"))] + [
            C(code, labels.label(labels.AUDIT_ENTITIES, code)) for code in entities]

    def _chosen(self, field) -> str:
        return field.data if field.data in {c.value for c in field.choices} else ""

    def filters(self, page: int = 1) -> AuditFilters:
        """What the form asks for; a value that is not offered, or a bad date, is ignored."""
        self.validate()
        person = self._chosen(self.person)
        return AuditFilters(
            actor_id=int(person) if person else None, action=self._chosen(self.action),
            entity=self._chosen(self.entity),
            date_from=self.date_from.data if not self.date_from.errors else None,
            date_to=self.date_to.data if not self.date_to.errors else None, page=page)

    def args(self, filters: AuditFilters) -> dict:
        """The filters as query arguments, for the pager and the CSV link."""
        return {key: value for key, value in {
            "person": filters.actor_id or "", "action": filters.action,
            "entity": filters.entity,
            "date_from": filters.date_from.isoformat() if filters.date_from else "",
            "date_to": filters.date_to.isoformat() if filters.date_to else ""}.items()
            if value}
