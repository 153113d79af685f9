"""Impact ledger (hash-chained entries), impact snapshots on order lines, method texts.

Revision ID: 0016
Revises: 0007
Create Date: 2026-12-01 23:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('impact_chain_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_impact_chain_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_chain_head'))
    )
    op.create_table('impact_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('order_number', sa.String(length=24), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['order.id'], name=op.f('fk_impact_entry_order_id_order'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_entry')),
    sa.UniqueConstraint('hash', name=op.f('uq_impact_entry_hash')),
    sa.UniqueConstraint('seq', name=op.f('uq_impact_entry_seq'))
    )
    with op.batch_alter_table('impact_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_impact_entry_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_impact_entry_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_impact_entry_order_number'), ['order_number'], unique=False)
    op.create_table('impact_entry_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('cooperative_id', sa.Integer(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('grams', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], name=op.f('fk_impact_entry_line_cooperative_id_cooperative')),
    sa.ForeignKeyConstraint(['entry_id'], ['impact_entry.id'], name=op.f('fk_impact_entry_line_entry_id_impact_entry'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_entry_line')),
    sa.UniqueConstraint('entry_id', 'cooperative_id', name=op.f('uq_impact_entry_line_entry_id_cooperative_id'))
    )
    with op.batch_alter_table('impact_entry_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_impact_entry_line_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_impact_entry_line_entry_id'), ['entry_id'], unique=False)
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('impact_minutes_per_unit', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('recovered_grams_per_unit', sa.Integer(), nullable=True))
    with op.batch_alter_table('cooperative_translation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('impact_method', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('cooperative_translation', schema=None) as batch_op:
        batch_op.drop_column('impact_method')
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_column('recovered_grams_per_unit')
        batch_op.drop_column('impact_minutes_per_unit')
    with op.batch_alter_table('impact_entry_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_impact_entry_line_entry_id'))
        batch_op.drop_index(batch_op.f('ix_impact_entry_line_cooperative_id'))
    op.drop_table('impact_entry_line')
    with op.batch_alter_table('impact_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_impact_entry_order_number'))
        batch_op.drop_index(batch_op.f('ix_impact_entry_order_id'))
        batch_op.drop_index(batch_op.f('ix_impact_entry_day'))
    op.drop_table('impact_entry')
    op.drop_table('impact_chain_head')
