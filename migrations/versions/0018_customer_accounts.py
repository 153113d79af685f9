"""Customer accounts: email confirmation (links and the confirmed time), saved addresses.

Revision ID: 0018
Revises: 0019
Create Date: 2026-12-02 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('terms_accepted_at', sa.DateTime(timezone=True),
                                      nullable=True))
    # Every account made before self-registration was made by staff, an invitation or a
    # command: it counts as confirmed, or no one could sign in after this revision. (Kept
    # with the schema change it belongs to: the column is useless without it.)
    op.execute('UPDATE "user" SET email_confirmed_at = created_at')

    op.create_table('email_confirmation_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_email_confirmation_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_confirmation_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_email_confirmation_token_token_hash'))
    )
    with op.batch_alter_table('email_confirmation_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_confirmation_token_user_id'), ['user_id'], unique=False)

    op.create_table('saved_address',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('line1', sa.String(length=200), nullable=False),
    sa.Column('line2', sa.String(length=200), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('city', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=4), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_saved_address_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_address'))
    )
    with op.batch_alter_table('saved_address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_address_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('saved_address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_address_user_id'))
    op.drop_table('saved_address')
    with op.batch_alter_table('email_confirmation_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_email_confirmation_token_user_id'))
    op.drop_table('email_confirmation_token')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('terms_accepted_at')
        batch_op.drop_column('email_confirmed_at')
