"""pizhu (批注): turn a news article into an annotated, searchable MkDocs site.

Public API: :func:`load_project` (load and check), :func:`build_outputs` (load, check,
render), the core model classes, :class:`Problem`, and the kinds registry with the base class
a new kind of annotation extends.
"""

from .build import Outputs, build_outputs
from .core.model import Article, Block, Citation, Contributor, Project, Source, Span
from .core.options import SiteOptions
from .core.problems import Problem, ProjectError, format_problems
from .core.version import VERSION
from .kinds import KINDS, SpanKind
from .pipeline import load_project

__all__ = ["KINDS", "Article", "Block", "Citation", "Contributor", "Outputs", "Problem", "Project", "ProjectError",
           "SiteOptions", "Source", "Span", "SpanKind", "build_outputs", "format_problems", "load_project"]
__version__ = VERSION
