"""Catalog editing: a version per product, people named in stories and their consent.

Revision ID: 0008
Revises: 0017
Create Date: 2026-12-01 23:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('people_named', sa.String(length=300), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1',
                                      nullable=False))
    with op.batch_alter_table('cooperative', schema=None) as batch_op:
        batch_op.add_column(sa.Column('people_named', sa.String(length=300), server_default='',
                                      nullable=False))
    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('collected_by', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('cooperative_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(product_id IS NULL) <> (cooperative_id IS NULL)', name=op.f('ck_consent_record_one_story_owner')),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], name=op.f('fk_consent_record_cooperative_id_cooperative'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_consent_record_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_record'))
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_cooperative_id'), ['cooperative_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_record_product_id'), ['product_id'], unique=False)


def downgrade():
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_product_id'))
        batch_op.drop_index(batch_op.f('ix_consent_record_cooperative_id'))
    op.drop_table('consent_record')
    with op.batch_alter_table('cooperative', schema=None) as batch_op:
        batch_op.drop_column('people_named')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_column('version')
        batch_op.drop_column('people_named')
