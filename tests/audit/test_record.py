"""The audit log records only what changed, with the actor the web layer or a command set."""

from sqlalchemy import select

from shop.audit.context import acting_as
from shop.audit.models import AuditEntry
from shop.audit.services import record
from shop.extensions import db
from tests.fixtures.orders import staff


def test_record_keeps_changed_fields_and_the_actor(app, ctx):
    user = staff("negozio@example.org")
    db.session.commit()
    with acting_as(user, ip="203.0.113.7"):
        record("product.update", "product", 12,
               before={"name": "Borsa", "price_cents": 1800, "status": "draft"},
               after={"name": "Borsa", "price_cents": 1950, "status": "draft"})
        assert record("product.update", "product", 12, before={"a": 1}, after={"a": 1}) is None
    db.session.commit()

    entries = db.session.scalars(select(AuditEntry)).all()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.actor_id, entry.actor_email, entry.ip) == (user.id, "negozio@example.org",
                                                           "203.0.113.7")
    assert (entry.action, entry.entity, entry.entity_id) == ("product.update", "product", "12")
    assert entry.before == {"price_cents": 1800}
    assert entry.after == {"price_cents": 1950}
