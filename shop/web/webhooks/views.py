"""POST /webhooks/stripe: verify, record the event id, apply it, all in one transaction."""

from __future__ import annotations

import logging

from flask import current_app, request

from shop.audit.security_log import log_event
from shop.extensions import csrf, db, limiter
from shop.payments.errors import InvalidSignature
from shop.payments.stripe_gateway import verify_webhook
from shop.payments.webhooks import DuplicateEvent, handle_event
from shop.web.webhooks import bp


@bp.post("/stripe")
@csrf.exempt
@limiter.exempt
def stripe_webhook():
    """Apply a Stripe event once; 400 for a bad signature, 5xx (and no change) on failure."""
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret:
        return {"error": "webhooks are not configured"}, 404
    try:
        event = verify_webhook(request.get_data(), request.headers.get("Stripe-Signature"),
                               secret)
    except InvalidSignature:
        log_event("webhook.bad_signature", ip=request.remote_addr or "",
                  level=logging.WARNING)
        return {"error": "invalid signature"}, 400
    try:
        handle_event(event)
        db.session.commit()
    except DuplicateEvent:
        db.session.rollback()
        return {"status": "duplicate"}, 200
    except Exception:
        db.session.rollback()
        current_app.logger.exception("webhook %s failed", event.get("id"))
        return {"error": "could not process the event"}, 500
    return {"status": "ok"}, 200
