"""`flask users create`: one account per call, refused with a clear message when invalid."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shop.accounts.errors import PasswordTooShort
from shop.accounts.models import User
from shop.accounts.services import create_user
from shop.catalog.models import Cooperative
from shop.extensions import db


@pytest.fixture
def cooperative(app):
    with app.app_context():
        db.session.add(Cooperative(slug="filo-dritto", name="Cooperativa Filo Dritto",
                                   institute="san_vittore", founded_year=2008, craft="tailoring",
                                   contact_email="laboratorio@filodritto.example"))
        db.session.commit()
    return "filo-dritto"


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def find_user(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


@pytest.mark.parametrize("role", ["customer", "company", "staff", "admin"])
def test_create_user_of_each_role_without_a_cooperative(runner, app, role):
    result = runner.invoke(args=["users", "create", f"{role}@example.org", "--role", role,
                                 "--password", "correct-horse-battery"])

    assert result.exit_code == 0, result.output
    assert result.output == f"Created {role} {role}@example.org\n"
    user = find_user(app, f"{role}@example.org")
    assert (user.role, user.cooperative_id, user.locale) == (role, None, "it")
    assert user.check_password("correct-horse-battery")


def test_create_coop_member_links_the_cooperative(runner, app, cooperative):
    result = runner.invoke(args=["users", "create", "sarta@example.org", "--role", "coop",
                                 "--cooperative", cooperative, "--password", "ago-e-filo-42"])

    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "sarta@example.org"))
        assert (user.role, user.cooperative.slug) == ("coop", "filo-dritto")


def test_generated_password_is_printed_and_works(runner, app):
    result = runner.invoke(args=["users", "create", "nuovo@example.org", "--role", "customer"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Created customer nuovo@example.org"
    password = lines[1].removeprefix("Password: ")
    assert len(password) >= 10
    assert find_user(app, "nuovo@example.org").check_password(password)


def test_email_is_stored_in_lower_case(runner, app):
    result = runner.invoke(args=["users", "create", "  Giulia.Rossi@Example.ORG ", "--role",
                                 "staff", "--password", "negozio-viale-1"])

    assert result.exit_code == 0, result.output
    assert find_user(app, "giulia.rossi@example.org").role == "staff"


def test_coop_role_requires_a_cooperative(runner, app):
    result = runner.invoke(args=["users", "create", "socio@example.org", "--role", "coop",
                                 "--password", "laboratorio-1"])

    assert result.exit_code == 1
    assert "Error: a cooperative member needs a cooperative" in result.output
    assert "Traceback" not in result.output
    assert user_count(app) == 0


def test_unknown_cooperative_is_refused_with_its_name(runner, app, cooperative):
    result = runner.invoke(args=["users", "create", "socio@example.org", "--role", "coop",
                                 "--cooperative", "non-esiste", "--password", "laboratorio-1"])

    assert result.exit_code == 1
    assert "Error: no cooperative with the slug 'non-esiste'" in result.output
    assert user_count(app) == 0


def test_other_roles_may_not_have_a_cooperative(runner, app, cooperative):
    result = runner.invoke(args=["users", "create", "staff@example.org", "--role", "staff",
                                 "--cooperative", cooperative, "--password", "negozio-viale-1"])

    assert result.exit_code == 1
    assert "only cooperative members belong to a cooperative" in result.output
    assert user_count(app) == 0


def test_duplicate_email_is_refused_whatever_its_case(runner, app):
    first = runner.invoke(args=["users", "create", "cliente@example.org", "--role", "customer",
                                "--password", "prima-password"])
    again = runner.invoke(args=["users", "create", "Cliente@Example.org", "--role", "admin",
                                "--password", "seconda-password"])

    assert first.exit_code == 0, first.output
    assert again.exit_code == 1
    assert "Error: a user with the email cliente@example.org already exists" in again.output
    assert user_count(app) == 1
    user = find_user(app, "cliente@example.org")
    assert (user.role, user.check_password("prima-password")) == ("customer", True)


def test_invalid_email_and_short_password_are_refused(runner, app):
    bad_email = runner.invoke(args=["users", "create", "not-an-email", "--role", "customer",
                                    "--password", "abbastanza-lunga"])
    short = runner.invoke(args=["users", "create", "ok@example.org", "--role", "customer",
                                "--password", "corta"])

    assert (bad_email.exit_code, short.exit_code) == (1, 1)
    assert "is not a valid email address" in bad_email.output
    assert "at least 10 characters" in short.output
    assert user_count(app) == 0


def test_unknown_role_is_a_usage_error(runner, app):
    result = runner.invoke(args=["users", "create", "x@example.org", "--role", "boss"])

    assert result.exit_code == 2
    assert "Invalid value for '--role'" in result.output
    assert user_count(app) == 0


def test_create_user_service_raises_typed_errors(ctx):
    with pytest.raises(PasswordTooShort):
        create_user("a@example.org", "customer", password="123456789")
