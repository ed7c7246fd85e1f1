"""pizhu (批注): turn a news article into an annotated, searchable MkDocs site.

Public API: :func:`load_project` (load and check), :func:`build_outputs` (load, check,
render), the model classes and :class:`Problem`.
"""

from .build import Outputs, build_outputs
from .model import Article, Block, Citation, Contributor, Project, Source, Span
from .pipeline import load_project
from .problems import Problem, ProjectError, format_problems

__all__ = ["Article", "Block", "Citation", "Contributor", "Outputs", "Problem", "Project", "ProjectError",
           "Source", "Span", "build_outputs", "format_problems", "load_project"]
__version__ = "0.1.0"
