"""Search change log for several hosts: index cursors; ids never reused on SQLite.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 03:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def _sqlite_autoincrement(on: bool) -> None:
    # SQLite reuses max(id) + 1 after the newest rows are deleted unless the table is
    # AUTOINCREMENT, which only a rebuilt table can become. PostgreSQL's sequence never
    # goes back, so there is nothing to change there.
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table('search_update', recreate='always',
                              table_kwargs={'sqlite_autoincrement': on}) as batch_op:
        batch_op.alter_column('id', existing_type=sa.Integer(), nullable=False)


def upgrade():
    op.create_table('search_index_cursor',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.Column('needs_rebuild', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_index_cursor'))
    )
    _sqlite_autoincrement(True)


def downgrade():
    _sqlite_autoincrement(False)
    op.drop_table('search_index_cursor')
