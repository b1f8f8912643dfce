"""Saving the message settings (modem port, WhatsApp number): admins only, checked numbers."""

from __future__ import annotations

from desktop.models.errors import ValidationError
from desktop.models.notifications.phone import normalise_phone
from desktop.models.settings import NotificationSettings, SettingsRepository
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission


def save_notification_settings(settings: SettingsRepository, value: NotificationSettings, user: User) -> None:
    require(user, Permission.EDIT_SETTINGS)
    value.modem_port = value.modem_port.strip()
    if value.sms_enabled and not value.modem_port:
        raise ValidationError("Isi port modem (mis. COM3 di Windows atau /dev/ttyUSB0 di Linux) untuk mengirim SMS.")
    if value.modem_baud not in (9600, 19200, 38400, 57600, 115200, 230400, 460800):
        raise ValidationError("Kecepatan port modem tidak dikenal (biasanya 115200).")
    value.whatsapp_number = normalise_phone(value.whatsapp_number)
    settings.put(value, user.actor())


def fresh_notification_settings(settings: SettingsRepository) -> NotificationSettings:
    """Read from the database itself, not the in-memory copy: the SMS worker has its own connection
    and must see what an admin saved on the counter's connection a moment ago."""
    stored = settings.get_raw("notifications", {}) or {}
    names = set(NotificationSettings.__dataclass_fields__)
    return NotificationSettings(**{k: v for k, v in stored.items() if k in names})
