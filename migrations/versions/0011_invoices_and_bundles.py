"""Invoices with a per-year counter; gift boxes (bundle items) and box parts on order lines.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:00:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('invoice_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint('last_sequence >= 0', name=op.f('ck_invoice_counter_sequence_non_negative')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_invoice_counter'))
    )
    op.create_table('invoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('taxable_cents', sa.Integer(), nullable=False),
    sa.Column('vat_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('payment_method', sa.String(length=4), nullable=False),
    sa.Column('file_name', sa.String(length=40), nullable=False),
    sa.Column('xml', sa.Text(), nullable=False),
    sa.CheckConstraint('sequence > 0', name=op.f('ck_invoice_sequence_positive')),
    sa.CheckConstraint('total_cents = taxable_cents + vat_cents', name=op.f('ck_invoice_totals_add_up')),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_invoice_order_id_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoice')),
    sa.UniqueConstraint('file_name', name=op.f('uq_invoice_file_name')),
    sa.UniqueConstraint('number', name=op.f('uq_invoice_number')),
    sa.UniqueConstraint('order_id', name=op.f('uq_invoice_order_id')),
    sa.UniqueConstraint('year', 'sequence', name=op.f('uq_invoice_year_sequence'))
    )
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_issue_date'), ['issue_date'], unique=False)

    op.create_table('bundle_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bundle_id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_bundle_item_quantity_positive')),
    sa.ForeignKeyConstraint(['bundle_id'], ['product.id'], name=op.f('fk_bundle_item_bundle_id_product'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_bundle_item_variant_id_variant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bundle_item')),
    sa.UniqueConstraint('bundle_id', 'variant_id', name=op.f('uq_bundle_item_bundle_id_variant_id'))
    )
    with op.batch_alter_table('bundle_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bundle_item_bundle_id'), ['bundle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bundle_item_variant_id'), ['variant_id'], unique=False)

    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bundle_line_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('share_cents', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_order_line_bundle_line_id'), ['bundle_line_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_order_line_bundle_line_id_order_line'), 'order_line', ['bundle_line_id'], ['id'], ondelete='CASCADE')
        batch_op.create_check_constraint(batch_op.f('ck_order_line_share_non_negative'), 'share_cents IS NULL OR share_cents >= 0')


def downgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_order_line_share_non_negative'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_order_line_bundle_line_id_order_line'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_order_line_bundle_line_id'))
        batch_op.drop_column('share_cents')
        batch_op.drop_column('bundle_line_id')

    with op.batch_alter_table('bundle_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bundle_item_variant_id'))
        batch_op.drop_index(batch_op.f('ix_bundle_item_bundle_id'))
    op.drop_table('bundle_item')

    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_issue_date'))
    op.drop_table('invoice')
    op.drop_table('invoice_counter')
