"""One application on screen: people's roles and step names in words, never the app's codes."""

from __future__ import annotations

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role, role_words
from desktop.ui.widgets.application_view import application_html
from tests.models.test_applications import draft_for


def test_history_and_steps_name_roles_in_words(office_services):
    apps = office_services.applications
    app = apps.submit(draft_for(office_services), office_services.users.authenticate("petugas", DEMO_PIN))
    while app.steps[app.active_step].kind != "tanda_tangan":
        step = app.steps[app.active_step]
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, office_services.users.by_role(role)[0], role,
                           pin=DEMO_PIN)
    app = apps.perform(app.id, app.active_step, office_services.users.authenticate("lurah", DEMO_PIN), Role.LURAH,
                       pin=DEMO_PIN)
    html = application_html(app, apps.reader.history(app.id))
    assert "(Lurah)" in html and "Tanda tangan" in html and "(Petugas / Operator / CS)" in html
    for code in ("(lurah)", "(petugas)", "tanda_tangan", "sekretaris_lurah", "(kasi)"):
        assert code not in html, code


def test_role_words_for_codes_that_are_not_accounts():
    assert role_words("sekretaris_camat") == "Sekretaris Camat"
    assert role_words("sistem") == "Sistem" and role_words("pemohon") == "Pemohon"
    assert role_words("kepala_dusun") == "Kepala dusun"  # an unknown code still reads as words
    assert role_words(None) == ""


def test_fields_show_in_the_order_of_the_form(office_services):
    """The official reads the fields as the clerk filled them in, not sorted by their keys."""
    from desktop.models.applications.intake import form_fields

    usaha = next(s for s in office_services.catalog.services("kalirejo") if "usaha" in s.id)
    values = {f["key"]: f"isian {i}" for i, f in enumerate(form_fields(usaha))}
    app = office_services.applications.submit(draft_for(office_services, usaha.id, **values),
                                              office_services.users.authenticate("petugas", DEMO_PIN))
    html = application_html(app)
    labels = [f["label"] for f in form_fields(usaha)]
    positions = [html.index(label) for label in labels]
    assert len(labels) >= 4 and positions == sorted(positions)
    assert sorted(labels) != labels  # the check means something: key order would differ
