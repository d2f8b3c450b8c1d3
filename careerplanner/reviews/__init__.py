"""Advisor reviews of plans."""
