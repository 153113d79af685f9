"""Who may reach each endpoint: the shop's access rules as one table, walked by the tests.

`tests/security/test_access_map.py` signs in as every role, requests every endpoint of the
app with GET and POST, and checks the answer against this table: a role not listed must be
refused (sent to sign in, or a 404) and change nothing. An endpoint missing here fails that
test, so a new page cannot ship without someone deciding who may open it.

For pages about one object (a fulfilment, a stock item) the test uses an object of
cooperative A: `OWN_COOP` lists member A only, and member B must be refused.
"""

from __future__ import annotations

ANONYMOUS = "anonymous"
CUSTOMER = "customer"
COMPANY = "company"
MEMBER_A = "member_a"  # a member of cooperative A
MEMBER_B = "member_b"  # a member of cooperative B
STAFF = "staff"
ADMIN = "admin"
ROLES = (ANONYMOUS, CUSTOMER, COMPANY, MEMBER_A, MEMBER_B, STAFF, ADMIN)

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
MEMBERS = frozenset({MEMBER_A, MEMBER_B})
OWN_COOP = frozenset({MEMBER_A})  # objects of cooperative A
STAFF_AREA = frozenset({STAFF, ADMIN})
ADMINS = frozenset({ADMIN})

ACCESS: dict[str, frozenset[str]] = {
    # Site root, files, machine-readable pages
    "root.index": EVERYONE,
    "root.healthz": EVERYONE,
    "root.media": EVERYONE,
    "root.robots": EVERYONE,
    "root.sitemap": EVERYONE,
    "static": EVERYONE,
    # The Stripe webhook: anyone may call it; the signature decides (tested apart).
    "webhooks.stripe_webhook": EVERYONE,
    # Storefront: open to all, orders reached by their secret token
    "storefront.home": EVERYONE,
    "storefront.product_list": EVERYONE,
    "storefront.product_detail": EVERYONE,
    "storefront.cooperative_list": EVERYONE,
    "storefront.cooperative_detail": EVERYONE,
    "storefront.impact": EVERYONE,
    "storefront.store": EVERYONE,
    "storefront.privacy": EVERYONE,
    "storefront.terms": EVERYONE,
    "storefront.search": EVERYONE,
    "storefront.search_suggest": EVERYONE,
    "storefront.cart": EVERYONE,
    "storefront.cart_add": EVERYONE,
    "storefront.cart_update": EVERYONE,
    "storefront.checkout_details": EVERYONE,
    "storefront.checkout_place": EVERYONE,
    "storefront.demo_checkout": EVERYONE,
    "storefront.demo_checkout_action": EVERYONE,
    "storefront.order_detail": EVERYONE,
    "storefront.order_pay": EVERYONE,
    "storefront.order_cancel": EVERYONE,
    # Accounts
    "storefront.account_login": EVERYONE,
    "storefront.account_logout": EVERYONE,
    "storefront.account_password_reset": EVERYONE,
    "storefront.account_password_reset_confirm": EVERYONE,
    "storefront.account_export": SIGNED_IN,
    "storefront.account_delete": SIGNED_IN,
    # Cooperative area
    "coop.dashboard": MEMBERS,
    "coop.fulfilment_detail": OWN_COOP,
    "coop.fulfilment_advance": OWN_COOP,
    "coop.fulfilment_ship": OWN_COOP,
    "coop.stock_list": MEMBERS,
    "coop.stock_detail": OWN_COOP,
    "coop.stock_adjust": OWN_COOP,
    "coop.statement_list": MEMBERS,
    "coop.statement_detail": MEMBERS,
    "coop.statement_csv": MEMBERS,
    # Staff area
    "staff.fulfilment_list": STAFF_AREA,
    "staff.fulfilment_detail": STAFF_AREA,
    "staff.fulfilment_advance": STAFF_AREA,
    "staff.fulfilment_ship": STAFF_AREA,
    "staff.outbox_list": STAFF_AREA,
    "staff.outbox_resend": STAFF_AREA,
    "staff.privacy_home": STAFF_AREA,
    "staff.privacy_export": STAFF_AREA,
    "staff.privacy_erase": STAFF_AREA,
}

# Pages about the signed-in person themselves or about public objects reached by a token.
ACCESS.update({
    "root.impact_ledger": EVERYONE,
    "root.sitemap_pages": EVERYONE,
    "root.sitemap_products": EVERYONE,
    "storefront.event_list": EVERYONE,
    "storefront.event_detail": EVERYONE,
    "storefront.event_cancel": EVERYONE,
    "storefront.business": EVERYONE,
    "storefront.business_quote": EVERYONE,
    "storefront.business_quote_sent": EVERYONE,
    "storefront.quote_view": EVERYONE,
    "storefront.quote_pdf": EVERYONE,
    "storefront.quote_accept": EVERYONE,
    "storefront.quote_changes": EVERYONE,
    "storefront.quote_decline": EVERYONE,
    "storefront.quote_pay": EVERYONE,
    "storefront.quote_impact": EVERYONE,
    "storefront.quote_impact_pdf": EVERYONE,
    "storefront.order_invoice_pdf": EVERYONE,
    "storefront.order_credit_note_pdf": EVERYONE,
    "storefront.account_invitation": EVERYONE,
    "storefront.account_login_code": EVERYONE,
    "storefront.account_login_enrol": EVERYONE,
    # Opening a customer account: anyone may register, confirm a link or ask for a new one.
    "storefront.account_register": EVERYONE,
    "storefront.account_confirm": EVERYONE,
    "storefront.account_confirm_resend": EVERYONE,
    # A customer's own account: their orders, addresses, language and password
    "storefront.account_overview": frozenset({CUSTOMER}),
    "storefront.account_order": frozenset({CUSTOMER}),
    "storefront.account_addresses": frozenset({CUSTOMER}),
    "storefront.account_address_new": frozenset({CUSTOMER}),
    "storefront.account_address_edit": frozenset({CUSTOMER}),
    "storefront.account_address_delete": frozenset({CUSTOMER}),
    "storefront.account_address_default": frozenset({CUSTOMER}),
    "storefront.account_settings": frozenset({CUSTOMER}),
    "storefront.account_password": frozenset({CUSTOMER}),
    # A company contact's own company
    "storefront.account_company": frozenset({COMPANY}),
    "storefront.account_company_reorder": frozenset({COMPANY}),
    "storefront.account_company_impact": frozenset({COMPANY}),
    "storefront.account_company_impact_pdf": frozenset({COMPANY}),
    # Cooperative members: their own sign-in codes, their own workshop's transfers and slips
    "coop.security": MEMBERS,
    "coop.security_enable": MEMBERS,
    "coop.security_disable": MEMBERS,
    "coop.transfer_list": MEMBERS,
    "coop.transfer_detail": OWN_COOP,
    "coop.transfer_move": OWN_COOP,
    "coop.fulfilment_packing_slip": OWN_COOP,
    # Admins only: people and the audit log
    "staff.account_list": ADMINS,
    "staff.account_invite": ADMINS,
    "staff.account_detail": ADMINS,
    "staff.account_role": ADMINS,
    "staff.account_deactivate": ADMINS,
    "staff.account_reactivate": ADMINS,
    "staff.audit_list": ADMINS,
    "staff.audit_csv": ADMINS,
    "staff.cooperative_impact_method": ADMINS,
})

# Everything else in the staff area: the back office of every member of staff.
ACCESS.update(dict.fromkeys((
    "staff.category_edit", "staff.category_list", "staff.category_new",
    "staff.cooperative_consent_add", "staff.cooperative_consent_delete",
    "staff.cooperative_edit", "staff.cooperative_list", "staff.credit_note_pdf_view",
    "staff.credit_note_xml", "staff.discount_create",
    "staff.discount_list", "staff.discount_stop", "staff.event_attendees", "staff.event_edit",
    "staff.event_list", "staff.event_new", "staff.fulfilment_packing_slip", "staff.home",
    "staff.invoice_list", "staff.invoice_month_zip", "staff.invoice_pdf_view",
    "staff.invoice_xml", "staff.order_cancel", "staff.order_detail", "staff.order_list",
    "staff.order_part_cancel", "staff.order_refund", "staff.order_resend", "staff.pos",
    "staff.pos_clear", "staff.pos_line", "staff.pos_receipt", "staff.pos_sale",
    "staff.price_break_edit", "staff.price_breaks", "staff.product_box_part",
    "staff.product_box_part_delete", "staff.product_consent_add",
    "staff.product_consent_delete", "staff.product_delete", "staff.product_edit",
    "staff.product_list", "staff.product_new", "staff.product_photo_add",
    "staff.product_photo_delete", "staff.product_photo_edit", "staff.product_photo_move",
    "staff.product_status", "staff.product_variant_edit", "staff.product_variant_new",
    "staff.quote_company_impact", "staff.quote_company_impact_pdf",
    "staff.quote_company_terms", "staff.quote_detail", "staff.quote_draft",
    "staff.quote_invite", "staff.quote_list", "staff.quote_logo", "staff.quote_review",
    "staff.quote_send", "staff.quote_transfer_received", "staff.statement_csv",
    "staff.statement_list", "staff.stock_adjust", "staff.stock_detail", "staff.stock_export",
    "staff.stock_grid", "staff.stock_import", "staff.stock_import_preview",
    "staff.stock_threshold", "staff.transfer_create", "staff.transfer_detail",
    "staff.transfer_list", "staff.transfer_move", "staff.transfer_new",
), STAFF_AREA))

# The only state-changing endpoint without a CSRF token: Stripe signs its requests instead.
CSRF_EXEMPT = frozenset({"webhooks.stripe_webhook"})


def allowed(endpoint: str, role: str) -> bool:
    """Whether this role may reach the endpoint (KeyError: the endpoint is not in the table)."""
    return role in ACCESS[endpoint]
