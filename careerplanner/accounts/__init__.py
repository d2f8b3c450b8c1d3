"""Accounts: the custom user (email login), their timezone and profile."""
