"""Corporate gift quotes: companies, requests, versioned quotes, price breaks; user.company_id.

Revision ID: 0010
Revises: 0014
Create Date: 2026-12-01 22:41:16.172701

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('company',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('vat_number', sa.String(length=20), nullable=False),
    sa.Column('tax_code', sa.String(length=20), nullable=False),
    sa.Column('sdi_code', sa.String(length=7), nullable=False),
    sa.Column('pec', sa.String(length=254), nullable=False),
    sa.Column('payment_terms_days', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('payment_terms_days IS NULL OR payment_terms_days > 0', name=op.f('ck_company_terms_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company')),
    sa.UniqueConstraint('vat_number', name=op.f('uq_company_vat_number'))
    )
    op.create_table('price_break',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('min_quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('min_quantity > 0', name=op.f('ck_price_break_min_quantity_positive')),
    sa.CheckConstraint('unit_price_cents >= 0', name=op.f('ck_price_break_price_non_negative')),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_price_break_variant_id_variant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_break')),
    sa.UniqueConstraint('variant_id', 'min_quantity', name=op.f('uq_price_break_variant_id_min_quantity'))
    )
    with op.batch_alter_table('price_break', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_break_variant_id'), ['variant_id'], unique=False)

    op.create_table('quote_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('company_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('custom_needs', sa.Text(), nullable=False),
    sa.Column('personalisation', sa.Text(), nullable=False),
    sa.Column('logo_path', sa.String(length=200), nullable=False),
    sa.Column('logo_type', sa.String(length=40), nullable=False),
    sa.Column('budget_per_gift_cents', sa.Integer(), nullable=True),
    sa.Column('wanted_by', sa.Date(), nullable=True),
    sa.Column('addresses', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('po_number', sa.String(length=60), nullable=False),
    sa.Column('payment_choice', sa.String(length=10), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('budget_per_gift_cents IS NULL OR budget_per_gift_cents >= 0', name=op.f('ck_quote_request_budget_non_negative')),
    sa.ForeignKeyConstraint(['company_id'], ['company.id'], name=op.f('fk_quote_request_company_id_company')),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_quote_request_order_id_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_request')),
    sa.UniqueConstraint('token', name=op.f('uq_quote_request_token'))
    )
    with op.batch_alter_table('quote_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_request_company_id'), ['company_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_request_contact_email'), ['contact_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_request_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_request_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_request_status'), ['status'], unique=False)

    op.create_table('quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_quote_created_by_id_user')),
    sa.ForeignKeyConstraint(['request_id'], ['quote_request.id'], name=op.f('fk_quote_request_id_quote_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote')),
    sa.UniqueConstraint('request_id', 'version', name=op.f('uq_quote_request_id_version'))
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_request_id'), ['request_id'], unique=False)

    op.create_table('quote_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=12), nullable=True),
    sa.Column('to_status', sa.String(length=12), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('quote_version', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['quote_request.id'], name=op.f('fk_quote_event_request_id_quote_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_quote_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_event'))
    )
    with op.batch_alter_table('quote_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_event_request_id'), ['request_id'], unique=False)

    op.create_table('quote_request_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_quote_request_item_quantity_positive')),
    sa.ForeignKeyConstraint(['request_id'], ['quote_request.id'], name=op.f('fk_quote_request_item_request_id_quote_request'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_quote_request_item_variant_id_variant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_request_item'))
    )
    with op.batch_alter_table('quote_request_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_request_item_request_id'), ['request_id'], unique=False)

    op.create_table('quote_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=True),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('unit_price_cents', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('vat_rate_bp', sa.Integer(), nullable=False),
    sa.Column('delivery_date', sa.Date(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_quote_line_quantity_positive')),
    sa.CheckConstraint('unit_price_cents >= 0', name=op.f('ck_quote_line_price_non_negative')),
    sa.CheckConstraint('vat_rate_bp >= 0 AND vat_rate_bp <= 10000', name=op.f('ck_quote_line_vat_range')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], name=op.f('fk_quote_line_cooperative_id_cooperative')),
    sa.ForeignKeyConstraint(['quote_id'], ['quote.id'], name=op.f('fk_quote_line_quote_id_quote'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_quote_line_variant_id_variant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quote_line'))
    )
    with op.batch_alter_table('quote_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_line_quote_id'), ['quote_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('company_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_company_id'), ['company_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_company_id_company'), 'company', ['company_id'], ['id'])



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_company_id_company'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_company_id'))
        batch_op.drop_column('company_id')

    with op.batch_alter_table('quote_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_line_quote_id'))

    op.drop_table('quote_line')
    with op.batch_alter_table('quote_request_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_request_item_request_id'))

    op.drop_table('quote_request_item')
    with op.batch_alter_table('quote_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_event_request_id'))

    op.drop_table('quote_event')
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_request_id'))

    op.drop_table('quote')
    with op.batch_alter_table('quote_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_request_status'))
        batch_op.drop_index(batch_op.f('ix_quote_request_order_id'))
        batch_op.drop_index(batch_op.f('ix_quote_request_created_at'))
        batch_op.drop_index(batch_op.f('ix_quote_request_contact_email'))
        batch_op.drop_index(batch_op.f('ix_quote_request_company_id'))

    op.drop_table('quote_request')
    with op.batch_alter_table('price_break', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_price_break_variant_id'))

    op.drop_table('price_break')
    op.drop_table('company')
