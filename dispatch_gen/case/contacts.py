"""Who to reach about a unit's form, and whom it goes back to: pure lookups over a loaded case.

The call list (``status``), its spreadsheet and the send list (``forms``) all ask the same two
questions; answering them here keeps the three in agreement (issue 13).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import roles
from .models import Case, Officer, Unit


@dataclass(frozen=True)
class Contact:
    """A person to reach: name, title, phone and e-mail ("" when not recorded)."""

    person: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""


def unit_contact(case: Case, unit: Unit) -> Contact:
    """The person responsible for ``unit``'s form: its officer, else the village head."""
    for officer_id in unit.officers:
        officer = case.officer(officer_id)
        if officer is not None:
            return Contact(officer.name, officer.title, officer.phone or "", officer.email or "")
    village = next((v for v in case.villages if v.code == unit.subject), None)
    if village is not None and village.head:
        return Contact(village.head, roles.kind_of(case, village).head, village.head_phone or "",
                       village.head_email or "")
    return Contact()


def collector_of(case: Case, task_id: str) -> Officer | None:
    """Who receives a task's reports: the task's ``report_to``, else the case's collector (or None).

    One answer for the forms' instructions, the reminder and the send list (issue 10, point 1).
    """
    task = next((x for x in case.dispatch.tasks if x.id == task_id), None)
    return case.officer(task.report_to if task and task.report_to else case.collector)


def return_contact(case: Case, unit: Unit) -> Contact:
    """Whom the filled form goes back to: the task's ``report_to``, else the case's collector."""
    officer = collector_of(case, unit.task)
    if officer is None:
        return Contact()
    return Contact(officer.name, officer.title, officer.phone or "", officer.email or "")
