"""Official papers (issue 13): the one-stop forms Mẫu 01–06 and a one-page summary, filled from the cache.

Plain Python: each builder returns a `Paper` (its HTML, in the subset Qt's QTextDocument renders); ui.papers
lays it out on A4 and prints it or saves it as PDF, and the command line's `print` does the same.
"""

from triage_desktop.core.papers.forms import FORM_IDS, FORMS, build, file_stem, fits, fitting, suggested
from triage_desktop.core.papers.letterhead import Letterhead, letterhead_for
from triage_desktop.core.papers.model import Paper, PaperContext

__all__ = ["FORMS", "FORM_IDS", "Letterhead", "Paper", "PaperContext", "build", "file_stem", "fits", "fitting",
           "letterhead_for", "suggested"]
