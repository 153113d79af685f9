"""Accounts, for admins: list and find them, invite people, change roles, switch accounts off."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts import admin as accounts
from shop.accounts import errors
from shop.catalog.services import list_cooperatives
from shop.extensions import db
from shop.web.staff import bp
from shop.web.staff.access import admin_required
from shop.web.staff.account_forms import AccountFilterForm, ConfirmForm, InviteForm, RoleForm


def refusal(error: errors.AccountError) -> str:
    """Why an account change was refused, in the admin's language."""
    messages = {
        errors.EmailAlreadyRegistered: _("An account with this email already exists."),
        errors.InvalidEmail: _("This email address is not valid."),
        errors.CooperativeRequired: _("A cooperative member needs a cooperative: choose one."),
        errors.UnknownCooperative: _("That cooperative does not exist any more."),
        errors.UnknownRole: _("Choose one of the roles offered."),
        errors.UnsupportedLocale: _("Choose one of the languages offered."),
        errors.LastAdmin: _("The shop needs at least one active administrator: make someone "
                            "else an administrator first."),
        errors.SelfLockout: _("You cannot switch off your own account."),
    }
    return messages.get(type(error), _("This change is not possible."))


def invitation_link(token: str, locale: str) -> str:
    return current_app.config["SHOP_BASE_URL"].rstrip("/") + url_for(
        "storefront.account_invitation", lang=locale, token=token)


def _account(user_id: int):
    try:
        return accounts.get_account(current_user, user_id)
    except errors.UserNotFound:
        abort(404)


@bp.get("/users")
@admin_required
def account_list():
    """List accounts, filtered by role and by what their email or name contains."""
    form = AccountFilterForm(request.args)
    role = form.role.data if form.role.data in {c.value for c in form.role.choices} else ""
    page = accounts.list_accounts(current_user, role=role, search=form.q.data or "",
                                  page=request.args.get("page", 1, type=int) or 1)
    return render_template("staff/account_list.html", form=form, page=page,
                           args={"role": role, "q": form.q.data or ""},
                           invitations=accounts.pending_invitations(current_user))


@bp.route("/users/invite", methods=["GET", "POST"])
@admin_required
def account_invite():
    """Invite a colleague or a cooperative member by email, with a single-use link."""
    form = InviteForm(cooperatives=list_cooperatives())
    if not form.validate_on_submit():
        return render_template("staff/account_invite.html", form=form)
    try:
        accounts.invite(current_user, form.email.data, form.role.data, invitation_link,
                        cooperative_id=form.cooperative.data, name=form.name.data or "",
                        locale=form.locale.data)
    except errors.AccountError as exc:
        db.session.rollback()
        return render_template("staff/account_invite.html", form=form,
                               error=refusal(exc)), 400
    db.session.commit()
    flash(_("Invitation sent to %(email)s. The link works for 72 hours.",
            email=form.email.data.strip().lower()), "success")
    return redirect(url_for("staff.account_list"), code=303)


@bp.get("/users/<int:user_id>")
@admin_required
def account_detail(user_id: int):
    """Show an account with its role, cooperative and state, and the forms that change them."""
    user = _account(user_id)
    return render_detail(user)


def render_detail(user, *, role_form=None, error: str | None = None, status: int = 200):
    role_form = role_form or RoleForm(cooperatives=list_cooperatives(), data={
        "role": user.role, "cooperative": user.cooperative_id})
    return render_template("staff/account_detail.html", account=user, role_form=role_form,
                           confirm_form=ConfirmForm(), error=error), status


@bp.post("/users/<int:user_id>/role")
@admin_required
def account_role(user_id: int):
    """Change an account's role and cooperative; its sessions end."""
    form = RoleForm(cooperatives=list_cooperatives())
    if not form.validate_on_submit():
        return render_detail(_account(user_id), role_form=form, status=400,
                             error=_("Choose one of the roles offered."))
    return _apply(user_id, accounts.change_role, form.role.data, form.cooperative.data,
                  done=_("Role saved."), role_form=form)


@bp.post("/users/<int:user_id>/deactivate")
@admin_required
def account_deactivate(user_id: int):
    """Switch an account off: it cannot sign in and its open sessions end now."""
    return _confirmed(user_id, False, _("Account switched off: its sessions have ended."))


@bp.post("/users/<int:user_id>/reactivate")
@admin_required
def account_reactivate(user_id: int):
    """Switch an account on again."""
    return _confirmed(user_id, True, _("Account switched on again."))


def _confirmed(user_id: int, active: bool, done: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _apply(user_id, accounts.set_active, active, done=done)


def _apply(user_id: int, change, *args, done: str, role_form=None):
    try:
        change(current_user, user_id, *args)
    except errors.UserNotFound:
        db.session.rollback()
        abort(404)
    except errors.AccountError as exc:
        db.session.rollback()
        return render_detail(_account(user_id), role_form=role_form, error=refusal(exc),
                             status=409)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("staff.account_detail", user_id=user_id), code=303)
