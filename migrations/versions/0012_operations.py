"""Stock thresholds, transfers between workshops and the store, refund requests.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-01 22:39:52.691887

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('transfer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_location_id', sa.Integer(), nullable=False),
    sa.Column('to_location_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('from_location_id <> to_location_id', name=op.f('ck_transfer_moves_somewhere')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], name=op.f('fk_transfer_cooperative_id_cooperative')),
    sa.ForeignKeyConstraint(['from_location_id'], ['location.id'], name=op.f('fk_transfer_from_location_id_location')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'], name=op.f('fk_transfer_requested_by_id_user')),
    sa.ForeignKeyConstraint(['to_location_id'], ['location.id'], name=op.f('fk_transfer_to_location_id_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer'))
    )
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_status'), ['status'], unique=False)

    op.create_table('stock_threshold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('minimum', sa.Integer(), nullable=False),
    sa.CheckConstraint('minimum >= 0', name=op.f('ck_stock_threshold_minimum_non_negative')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_stock_threshold_location_id_location')),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_stock_threshold_variant_id_variant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_threshold')),
    sa.UniqueConstraint('variant_id', 'location_id', name=op.f('uq_stock_threshold_variant_id_location_id'))
    )
    with op.batch_alter_table('stock_threshold', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_threshold_location_id'), ['location_id'], unique=False)

    op.create_table('transfer_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=12), nullable=True),
    sa.Column('to_status', sa.String(length=12), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfer.id'], name=op.f('fk_transfer_event_transfer_id_transfer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_transfer_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_event'))
    )
    with op.batch_alter_table('transfer_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_event_transfer_id'), ['transfer_id'], unique=False)

    op.create_table('transfer_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transfer_id', sa.Integer(), nullable=False),
    sa.Column('variant_id', sa.Integer(), nullable=False),
    sa.Column('quantity_requested', sa.Integer(), nullable=False),
    sa.Column('quantity_sent', sa.Integer(), nullable=True),
    sa.Column('quantity_received', sa.Integer(), nullable=True),
    sa.CheckConstraint('quantity_received IS NULL OR (quantity_received >= 0 AND quantity_received <= quantity_sent)', name=op.f('ck_transfer_line_received_within_sent')),
    sa.CheckConstraint('quantity_requested > 0', name=op.f('ck_transfer_line_requested_positive')),
    sa.CheckConstraint('quantity_sent IS NULL OR quantity_sent >= 0', name=op.f('ck_transfer_line_sent_non_negative')),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfer.id'], name=op.f('fk_transfer_line_transfer_id_transfer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['variant_id'], ['variant.id'], name=op.f('fk_transfer_line_variant_id_variant')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_line')),
    sa.UniqueConstraint('transfer_id', 'variant_id', name=op.f('uq_transfer_line_transfer_id_variant_id'))
    )
    with op.batch_alter_table('transfer_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_line_transfer_id'), ['transfer_id'], unique=False)

    op.create_table('refund_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=True),
    sa.Column('request_key', sa.String(length=64), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('return_location_id', sa.Integer(), nullable=True),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_refund_request_amount_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_refund_request_order_id_order')),
    sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_refund_request_payment_id_payment')),
    sa.ForeignKeyConstraint(['refund_id'], ['refund.id'], name=op.f('fk_refund_request_refund_id_refund')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'], name=op.f('fk_refund_request_requested_by_id_user')),
    sa.ForeignKeyConstraint(['return_location_id'], ['location.id'], name=op.f('fk_refund_request_return_location_id_location')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_request')),
    sa.UniqueConstraint('request_key', name=op.f('uq_refund_request_request_key'))
    )
    with op.batch_alter_table('refund_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_request_order_id'), ['order_id'], unique=False)

    op.create_table('refund_request_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('refund_request_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('returned', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_refund_request_line_amount_non_negative')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_refund_request_line_quantity_positive')),
    sa.CheckConstraint('returned >= 0 AND returned <= quantity', name=op.f('ck_refund_request_line_returned_within')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_refund_request_line_order_line_id_order_line')),
    sa.ForeignKeyConstraint(['refund_request_id'], ['refund_request.id'], name=op.f('fk_refund_request_line_refund_request_id_refund_request'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_request_line'))
    )
    with op.batch_alter_table('refund_request_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_request_line_order_line_id'), ['order_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_request_line_refund_request_id'), ['refund_request_id'], unique=False)



def downgrade():
    with op.batch_alter_table('refund_request_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_request_line_refund_request_id'))
        batch_op.drop_index(batch_op.f('ix_refund_request_line_order_line_id'))

    op.drop_table('refund_request_line')
    with op.batch_alter_table('refund_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_request_order_id'))

    op.drop_table('refund_request')
    with op.batch_alter_table('transfer_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_line_transfer_id'))

    op.drop_table('transfer_line')
    with op.batch_alter_table('transfer_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_event_transfer_id'))

    op.drop_table('transfer_event')
    with op.batch_alter_table('stock_threshold', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_threshold_location_id'))

    op.drop_table('stock_threshold')
    with op.batch_alter_table('transfer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_status'))
        batch_op.drop_index(batch_op.f('ix_transfer_cooperative_id'))

    op.drop_table('transfer')
