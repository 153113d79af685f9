"""Discount codes and their redemptions; discounts on orders and order lines; gifts.

Revision ID: 0014
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op


revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

OLD_TOTALS = "subtotal_cents >= 0 AND shipping_cents >= 0 AND vat_cents >= 0 " \
    "AND total_cents = subtotal_cents + shipping_cents"
NEW_TOTALS = "subtotal_cents >= 0 AND shipping_cents >= 0 AND vat_cents >= 0 " \
    "AND discount_cents >= 0 AND total_cents = subtotal_cents + shipping_cents - discount_cents"


def upgrade():
    op.create_table(
        "discount_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("percent_bp", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("min_order_cents", sa.Integer(), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=True),
        sa.Column("max_uses_per_email", sa.Integer(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("cooperative_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('percent', 'fixed')", name=op.f("ck_discount_code_kind_known")),
        sa.CheckConstraint("percent_bp >= 0 AND percent_bp <= 10000",
                           name=op.f("ck_discount_code_percent_in_range")),
        sa.CheckConstraint("amount_cents >= 0 AND min_order_cents >= 0",
                           name=op.f("ck_discount_code_amounts_positive")),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"],
                                name=op.f("fk_discount_code_category_id_category")),
        sa.ForeignKeyConstraint(["cooperative_id"], ["cooperative.id"],
                                name=op.f("fk_discount_code_cooperative_id_cooperative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_code")),
        sa.UniqueConstraint("code", name=op.f("uq_discount_code_code")),
    )
    op.create_table(
        "discount_redemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["code_id"], ["discount_code.id"],
                                name=op.f("fk_discount_redemption_code_id_discount_code")),
        sa.ForeignKeyConstraint(["order_id"], ["order.id"], ondelete="CASCADE",
                                name=op.f("fk_discount_redemption_order_id_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_redemption")),
        sa.UniqueConstraint("order_id", name=op.f("uq_discount_redemption_order_id")),
    )
    with op.batch_alter_table("discount_redemption") as batch_op:
        batch_op.create_index(batch_op.f("ix_discount_redemption_code_id"), ["code_id"])
        batch_op.create_index(batch_op.f("ix_discount_redemption_email"), ["email"])
    with op.batch_alter_table("order_line") as batch_op:
        batch_op.add_column(sa.Column("discount_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
    with op.batch_alter_table("order") as batch_op:
        batch_op.add_column(sa.Column("is_gift", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column("gift_message", sa.Text(), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("discount_code", sa.String(length=32), nullable=False,
                                      server_default=""))
        batch_op.add_column(sa.Column("discount_cents", sa.Integer(), nullable=False,
                                      server_default="0"))
        batch_op.drop_constraint(op.f("ck_order_totals_add_up"), type_="check")
        batch_op.create_check_constraint(op.f("ck_order_totals_add_up"), NEW_TOTALS)


def downgrade():
    with op.batch_alter_table("order") as batch_op:
        batch_op.drop_constraint(op.f("ck_order_totals_add_up"), type_="check")
        batch_op.create_check_constraint(op.f("ck_order_totals_add_up"), OLD_TOTALS)
        batch_op.drop_column("discount_cents")
        batch_op.drop_column("discount_code")
        batch_op.drop_column("gift_message")
        batch_op.drop_column("is_gift")
    with op.batch_alter_table("order_line") as batch_op:
        batch_op.drop_column("discount_cents")
    with op.batch_alter_table("discount_redemption") as batch_op:
        batch_op.drop_index(batch_op.f("ix_discount_redemption_email"))
        batch_op.drop_index(batch_op.f("ix_discount_redemption_code_id"))
    op.drop_table("discount_redemption")
    op.drop_table("discount_code")
