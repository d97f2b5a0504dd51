"""Official papers (issue 13): the one-stop forms Mẫu 01–06 and a one-page summary, filled from the cache.

Plain Python: each builder returns a `Paper` (its HTML, in the subset Qt's QTextDocument renders); ui.papers
lays it out on A4 and prints it or saves it as PDF, and the command line's `print` does the same.

Phone numbers, deliberately: Mẫu 01–03 print the applicant's phone in full (unlike the lists, exports and the
detail pane, which mask it) because they are the applicant's own papers, handed to them or kept in their
dossier, and the forms ask for it. The summary of a field report masks the reporter's (core.masking.mask_phone)
like the screens: it is a working paper that goes round the office and out to the site, not the citizen's.
"""

from triage_desktop.core.papers.forms import (
    FORM_IDS,
    FORMS,
    build,
    file_stem,
    fits,
    fitting,
    photo_resource,
    suggested,
)
from triage_desktop.core.papers.letterhead import Letterhead, letterhead_for
from triage_desktop.core.papers.model import Paper, PaperContext

__all__ = ["FORMS", "FORM_IDS", "Letterhead", "Paper", "PaperContext", "build", "file_stem", "fits", "fitting",
           "letterhead_for", "photo_resource", "suggested"]
