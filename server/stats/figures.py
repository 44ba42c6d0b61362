"""Every area's figures, registered in order: importing this fills `registry.FIGURES`. A new area (consultations,
sites) is one more import here. The order of the imports is the order of the figures on the screen and in the
report (so not sorted)."""
from . import consult_figures  # noqa: F401, I001  (each registers its figures)
from . import aid_figures, aid_more  # noqa: F401, I001
from . import aid_documents  # noqa: F401  (after the other legal-aid figures)
from . import aid_deadlines  # noqa: F401
from . import event_figures  # noqa: F401
from . import quiz_figures  # noqa: F401  (after the other events figures)
from . import site_figures  # noqa: F401
from .registry import AREAS, FIGURES  # noqa: F401
