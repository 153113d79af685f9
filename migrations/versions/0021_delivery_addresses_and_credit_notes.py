"""One shipment per delivery address of a company's order; credit notes (TD04) for refunds.

Revision ID: 0021
Revises: 0011
Create Date: 2026-12-02 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delivery_addresses', sa.JSON(), nullable=True))

    with op.batch_alter_table('fulfilment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_no', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.drop_constraint('uq_fulfilment_order_id_cooperative_id', type_='unique')
        batch_op.create_unique_constraint(
            batch_op.f('uq_fulfilment_order_id_cooperative_id_address_no'),
            ['order_id', 'cooperative_id', 'address_no'])

    op.create_table('credit_note_counter',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint('last_sequence >= 0', name=op.f('ck_credit_note_counter_sequence_non_negative')),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_credit_note_counter'))
    )
    op.create_table('credit_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('refund_request_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('taxable_cents', sa.Integer(), nullable=False),
    sa.Column('vat_cents', sa.Integer(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=40), nullable=False),
    sa.Column('xml', sa.Text(), nullable=False),
    sa.CheckConstraint('sequence > 0', name=op.f('ck_credit_note_sequence_positive')),
    sa.CheckConstraint('total_cents > 0', name=op.f('ck_credit_note_total_positive')),
    sa.CheckConstraint('total_cents = taxable_cents + vat_cents', name=op.f('ck_credit_note_totals_add_up')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_credit_note_invoice_id_invoice')),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_credit_note_order_id_order')),
    sa.ForeignKeyConstraint(['refund_request_id'], ['refund_request.id'], name=op.f('fk_credit_note_refund_request_id_refund_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_note')),
    sa.UniqueConstraint('file_name', name=op.f('uq_credit_note_file_name')),
    sa.UniqueConstraint('number', name=op.f('uq_credit_note_number')),
    sa.UniqueConstraint('refund_request_id', name=op.f('uq_credit_note_refund_request_id')),
    sa.UniqueConstraint('year', 'sequence', name=op.f('uq_credit_note_year_sequence'))
    )
    with op.batch_alter_table('credit_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_note_invoice_id'), ['invoice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_note_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_note_issue_date'), ['issue_date'], unique=False)


def downgrade():
    with op.batch_alter_table('credit_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_credit_note_issue_date'))
        batch_op.drop_index(batch_op.f('ix_credit_note_order_id'))
        batch_op.drop_index(batch_op.f('ix_credit_note_invoice_id'))
    op.drop_table('credit_note')
    op.drop_table('credit_note_counter')

    with op.batch_alter_table('fulfilment', schema=None) as batch_op:
        batch_op.drop_constraint('uq_fulfilment_order_id_cooperative_id_address_no',
                                 type_='unique')
        batch_op.create_unique_constraint('uq_fulfilment_order_id_cooperative_id',
                                          ['order_id', 'cooperative_id'])
        batch_op.drop_column('address_no')

    with op.batch_alter_table('order', schema=None) as batch_op:
        batch_op.drop_column('delivery_addresses')
