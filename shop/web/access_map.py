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

# The only state-changing endpoint without a CSRF token: Stripe signs its requests instead.
CSRF_EXEMPT = frozenset({"webhooks.stripe_webhook"})


def allowed(endpoint: str, role: str) -> bool:
    """Whether this role may reach the endpoint (KeyError: the endpoint is not in the table)."""
    return role in ACCESS[endpoint]
