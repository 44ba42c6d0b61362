"""Who is who: the account roles and the groups of them that rules name (shared ground)."""

ROLES = ("worker", "volunteer", "lawyer", "staff", "admin")
# The office: publishes events, manages accounts, sees every event's people.
OFFICE_ROLES = ("staff", "admin")
# Those who run an event on the day: the office, and volunteers at the events they are assigned to.
ORGANISER_ROLES = ("volunteer", *OFFICE_ROLES)
# Those who may open a legal-aid case at all: the office, and lawyers (each only the cases assigned to them, which
# the aid domain checks case by case).
CASE_ROLES = ("lawyer", *OFFICE_ROLES)
