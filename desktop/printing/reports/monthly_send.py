"""Send a month's report pack to the kecamatan: the figures, the PDF and the XLSX as rendered now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.models.reports import travel
from desktop.models.reports.pack import build_pack
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.sending import SendResult, check_can_send, record_send
from desktop.models.settings import PaperSettings
from desktop.models.users.accounts import User
from desktop.printing.reports.pdf import render_pack_pdf
from desktop.printing.reports.xlsx import render_pack_xlsx

if TYPE_CHECKING:
    from desktop.models.services import Services


def send_monthly_report(services: Services, user: User, period: ReportPeriod) -> SendResult:
    check_can_send(user, period, services.clock, services.db)  # refuse before the rendering work
    pack = build_pack(services.db, services.settings, period)
    pdf = render_pack_pdf(pack, services.settings.get(PaperSettings))
    xlsx = render_pack_xlsx(pack)
    return record_send(services.db, services.clock, user, services.profile.office_code, period,
                       travel.figures(pack), pdf, xlsx)
