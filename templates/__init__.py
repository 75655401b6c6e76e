"""Jinja templates for generated packages (installed as package data)."""
