"""Passwords are hashed with scrypt everywhere but in the tests, which use a quick method."""

from __future__ import annotations

from flask import Flask

from shop.accounts.models import User
from shop.config import Config, ProductionConfig, TestConfig


def test_production_and_development_hash_passwords_with_scrypt():
    # given the configurations the shop runs with
    # then every one of them hashes with scrypt, and only the tests lower it
    assert Config.PASSWORD_HASH_METHOD == "scrypt"
    assert ProductionConfig.PASSWORD_HASH_METHOD == "scrypt"
    assert TestConfig.PASSWORD_HASH_METHOD == "pbkdf2:sha256:1000"


def test_a_password_set_under_the_production_setting_is_an_scrypt_hash():
    # given an app configured like production's hashing
    app = Flask(__name__)
    app.config["PASSWORD_HASH_METHOD"] = ProductionConfig.PASSWORD_HASH_METHOD
    user = User(email="giulia@example.org")
    # when a password is set
    with app.app_context():
        user.set_password("una-password-lunga")
    # then the stored hash is scrypt's, and it checks the right password only
    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert user.check_password("una-password-lunga") is True
    assert user.check_password("un'altra-password") is False


def test_the_tests_store_the_quick_hash(app):
    # given the test app
    user = User(email="giulia@example.org")
    # when a password is set
    with app.app_context():
        user.set_password("una-password-lunga")
    # then it is the quick method, and still checked like any other
    assert user.password_hash.startswith("pbkdf2:sha256:1000$")
    assert user.check_password("una-password-lunga") is True
