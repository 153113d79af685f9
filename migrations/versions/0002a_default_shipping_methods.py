"""Data: the consortium's standard shipping methods and rates (VAT included).

Revision ID: 0002a
Revises: 0002
Create Date: 2026-11-23 08:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002a'
down_revision = '0002'
branch_labels = None
depends_on = None

METHODS = [
    # code, zone, price, free over, days min, days max, position, it name, en name
    ("it-standard", "it", 690, 6000, 2, 4, 1,
     "Corriere in Italia, 2–4 giorni lavorativi", "Courier within Italy, 2–4 working days"),
    ("it-express", "it", 1290, None, 1, 2, 2,
     "Corriere espresso in Italia, 1–2 giorni lavorativi",
     "Express courier within Italy, 1–2 working days"),
    ("eu-standard", "eu", 1490, 15000, 4, 8, 3,
     "Corriere nell'Unione europea, 4–8 giorni lavorativi",
     "Courier within the EU, 4–8 working days"),
    ("pickup", "pickup", 0, None, 0, 0, 4,
     "Ritiro nel negozio di Viale dei Mille", "Collection at the Viale dei Mille store"),
]

method = sa.table(
    'shipping_method',
    sa.column('id', sa.Integer), sa.column('code', sa.String), sa.column('zone', sa.String),
    sa.column('price_cents', sa.Integer), sa.column('free_over_cents', sa.Integer),
    sa.column('days_min', sa.Integer), sa.column('days_max', sa.Integer),
    sa.column('position', sa.Integer), sa.column('active', sa.Boolean))
translation = sa.table(
    'shipping_method_translation',
    sa.column('method_id', sa.Integer), sa.column('locale', sa.String), sa.column('name', sa.String))


def upgrade():
    conn = op.get_bind()
    for code, zone, price, free_over, dmin, dmax, position, name_it, name_en in METHODS:
        exists = conn.execute(sa.select(method.c.id).where(method.c.code == code)).scalar()
        if exists:
            continue
        conn.execute(method.insert().values(
            code=code, zone=zone, price_cents=price, free_over_cents=free_over,
            days_min=dmin, days_max=dmax, position=position, active=True))
        method_id = conn.execute(sa.select(method.c.id).where(method.c.code == code)).scalar()
        conn.execute(translation.insert(), [
            {"method_id": method_id, "locale": "it", "name": name_it},
            {"method_id": method_id, "locale": "en", "name": name_en}])


def downgrade():
    conn = op.get_bind()
    codes = [m[0] for m in METHODS]
    ids = [row[0] for row in conn.execute(
        sa.select(method.c.id).where(method.c.code.in_(codes)))]
    if ids:
        conn.execute(translation.delete().where(translation.c.method_id.in_(ids)))
        conn.execute(method.delete().where(method.c.id.in_(ids)))
