"""What aid tells the other packages at start-up (create_app calls `register`), so that they import nothing of aid:
media asks it who may fetch an evidence photo, accounts what a lawyer switched off or given another role holds,
the job queue which jobs aid runs off the request, metrics how many open cases are past an Art. 43 deadline."""
from ... import codes, metrics
from ...accounts.hooks import register_lawyer_leaving
from ...media import readers
from ..access import read_case
from . import lawyers, notifications, rows


def evidence_reader(user, application_id: int | None, action: str, upload_id: str, detail: dict,
                    record_type: str = "evidence") -> readers.Grant:
    """The case's handlers may fetch its photos and the files the office attached (404 without the application, 403
    when it is not theirs): the one audited read of a case, naming the file."""
    application = read_case(user, application_id, action, (record_type, upload_id), **detail)
    return readers.Grant(name=codes.display(application.code))


def register() -> None:
    readers.register(evidence_reader)
    register_lawyer_leaving("aid", lawyers.check_switch_off, lawyers.hand_over)
    notifications.register_jobs()
    metrics.scraped_gauge("gongyou_cases_overdue", "Open legal-aid cases past their running Art. 43 deadline "
                          "(decide / materials / assign), by that clock", ("clock",), rows.overdue_by_clock)
