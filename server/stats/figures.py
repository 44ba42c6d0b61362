"""Every area's figures, registered in order: importing this fills `registry.FIGURES`. A new area (consultations,
sites) is one more import here."""
from . import aid_figures, aid_more, event_figures  # noqa: F401  (each registers its figures)
from .registry import AREAS, FIGURES  # noqa: F401
