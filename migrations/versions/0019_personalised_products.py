"""Personalised and made-to-measure products: what a product takes, what a line carries.

Revision ID: 0019
Revises: 0020
Create Date: 2026-12-02 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_text_kind', sa.String(length=12), server_default='', nullable=False))
        batch_op.add_column(sa.Column('personal_text_max', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('personal_text_lines', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('personal_text_required', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_product_personal_text_max_range'), 'personal_text_max >= 0 AND personal_text_max <= 200')
        batch_op.create_check_constraint(batch_op.f('ck_product_personal_text_lines_range'), 'personal_text_lines >= 1 AND personal_text_lines <= 6')

    op.create_table('product_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('dimension', sa.String(length=12), nullable=False),
    sa.Column('min_cm', sa.Integer(), nullable=False),
    sa.Column('max_cm', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('min_cm >= 1 AND min_cm <= max_cm AND max_cm <= 1000', name=op.f('ck_product_measure_measure_range')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_measure_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_measure')),
    sa.UniqueConstraint('product_id', 'dimension', name=op.f('uq_product_measure_product_id_dimension'))
    )
    with op.batch_alter_table('product_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_measure_product_id'), ['product_id'], unique=False)

    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_text', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('personal_measures', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))
        batch_op.add_column(sa.Column('personal_key', sa.String(length=64), server_default='', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_cart_line_cart_id_variant_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_cart_line_cart_id_variant_id_personal_key'), ['cart_id', 'variant_id', 'personal_key'])
        batch_op.create_check_constraint(batch_op.f('ck_cart_line_personal_text_length'), 'length(personal_text) <= 200')

    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_text', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('personal_measures', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))
        batch_op.create_check_constraint(batch_op.f('ck_order_line_personal_text_length'), 'length(personal_text) <= 200')


def downgrade():
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_order_line_personal_text_length'), type_='check')
        batch_op.drop_column('personal_measures')
        batch_op.drop_column('personal_text')

    # Lines of one variant that differed only by their personalisation become one again.
    op.execute(sa.text(
        "DELETE FROM cart_line WHERE id NOT IN "
        "(SELECT MIN(id) FROM cart_line GROUP BY cart_id, variant_id)"))
    with op.batch_alter_table('cart_line', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_cart_line_personal_text_length'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_cart_line_cart_id_variant_id_personal_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_cart_line_cart_id_variant_id'), ['cart_id', 'variant_id'])
        batch_op.drop_column('personal_key')
        batch_op.drop_column('personal_measures')
        batch_op.drop_column('personal_text')

    with op.batch_alter_table('product_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_measure_product_id'))

    op.drop_table('product_measure')
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_product_personal_text_lines_range'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_product_personal_text_max_range'), type_='check')
        batch_op.drop_column('personal_text_required')
        batch_op.drop_column('personal_text_kind')
        batch_op.drop_column('personal_text_lines')
        batch_op.drop_column('personal_text_max')
