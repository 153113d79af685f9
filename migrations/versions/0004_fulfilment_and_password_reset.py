"""Fulfilments (one part of an order per cooperative or the store), their lines and events;
password reset tokens.

Revision ID: 0004
Revises: 0002a
Create Date: 2026-11-23 08:42:53.377162

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0002a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('password_reset_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_password_reset_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_token_token_hash'))
    )
    with op.batch_alter_table('password_reset_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_token_user_id'), ['user_id'], unique=False)

    op.create_table('fulfilment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=True),
    sa.Column('destination', sa.String(length=12), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('carrier', sa.String(length=24), nullable=False),
    sa.Column('tracking_code', sa.String(length=64), nullable=False),
    sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("cooperative_id IS NOT NULL OR destination = 'store'", name=op.f('ck_fulfilment_store_part_is_collected')),
    sa.CheckConstraint("destination IN ('customer', 'store')", name=op.f('ck_fulfilment_destination_known')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], name=op.f('fk_fulfilment_cooperative_id_cooperative')),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_fulfilment_order_id_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment')),
    sa.UniqueConstraint('order_id', 'cooperative_id', name=op.f('uq_fulfilment_order_id_cooperative_id'))
    )
    with op.batch_alter_table('fulfilment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fulfilment_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_shipped_at'), ['shipped_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_status'), ['status'], unique=False)

    op.create_table('fulfilment_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fulfilment_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=24), nullable=True),
    sa.Column('to_status', sa.String(length=24), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['fulfilment_id'], ['fulfilment.id'], name=op.f('fk_fulfilment_event_fulfilment_id_fulfilment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_fulfilment_event_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_event'))
    )
    with op.batch_alter_table('fulfilment_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fulfilment_event_fulfilment_id'), ['fulfilment_id'], unique=False)

    op.create_table('fulfilment_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fulfilment_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_fulfilment_line_quantity_positive')),
    sa.ForeignKeyConstraint(['fulfilment_id'], ['fulfilment.id'], name=op.f('fk_fulfilment_line_fulfilment_id_fulfilment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_fulfilment_line_order_line_id_order_line'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fulfilment_line')),
    sa.UniqueConstraint('fulfilment_id', 'order_line_id', name=op.f('uq_fulfilment_line_fulfilment_id_order_line_id'))
    )
    with op.batch_alter_table('fulfilment_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fulfilment_line_fulfilment_id'), ['fulfilment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_fulfilment_line_order_line_id'), ['order_line_id'], unique=False)



def downgrade():
    # Children first: lines and events point at fulfilments.
    with op.batch_alter_table('fulfilment_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fulfilment_line_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_line_fulfilment_id'))

    op.drop_table('fulfilment_line')
    with op.batch_alter_table('fulfilment_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fulfilment_event_fulfilment_id'))

    op.drop_table('fulfilment_event')
    with op.batch_alter_table('fulfilment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fulfilment_status'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_shipped_at'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_order_id'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_due_date'))
        batch_op.drop_index(batch_op.f('ix_fulfilment_cooperative_id'))

    op.drop_table('fulfilment')
    with op.batch_alter_table('password_reset_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_token_user_id'))

    op.drop_table('password_reset_token')
