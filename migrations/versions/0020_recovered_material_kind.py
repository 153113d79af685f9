"""Recovered material kind per product, snapshotted on order lines.

Revision ID: 0020
Revises: 0022
Create Date: 2026-12-02 02:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0022'
branch_labels = None
depends_on = None

# The usual material of each craft (shop.catalog.models.CRAFT_MATERIALS, as of this revision).
_BY_CRAFT = ("CASE (SELECT craft FROM cooperative WHERE cooperative.id = {table}.cooperative_id) "
             "WHEN 'tailoring' THEN 'fabric' WHEN 'bakery' THEN 'food' "
             "WHEN 'print' THEN 'paper' WHEN 'carpentry' THEN 'wood' "
             "WHEN 'plants' THEN 'compost' ELSE 'none' END")


def upgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recovered_material', sa.String(length=12),
                                      server_default='none', nullable=False))
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recovered_material', sa.String(length=12),
                                      nullable=True))
    op.execute("UPDATE product SET recovered_material = "
               + _BY_CRAFT.format(table="product"))
    # Lines written before: the kind their cooperative's craft implies, as the pages showed.
    op.execute("UPDATE order_line SET recovered_material = "
               + _BY_CRAFT.format(table="order_line"))


def downgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_column('recovered_material')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('recovered_material')
