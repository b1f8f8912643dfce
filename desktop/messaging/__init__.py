"""Sending messages to citizens: a USB GSM modem over a serial port (no Qt, no database SQL here)."""
