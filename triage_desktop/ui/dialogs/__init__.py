"""Dialogs: login and the officer's actions."""
