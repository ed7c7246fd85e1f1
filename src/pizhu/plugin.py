"""The MkDocs plugin: wiring only. All the work happens in :mod:`pizhu.build`."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .build import Outputs, build_outputs
from .config import PizhuConfig, site_options
from .problems import errors, format_problems, internal_error
from .search import add_words_to_jieba, index_notes

log = logging.getLogger("mkdocs.plugins.pizhu")


class PizhuPlugin(BasePlugin[PizhuConfig]):
    """Runs the pizhu pipeline once per build and hands its pages to MkDocs."""

    def __init__(self) -> None:
        self.outputs: Outputs | None = None
        self.root = Path.cwd()

    # Early, so the glossary's jieba dictionary is in place when the search plugin's
    # on_config loads `jieba_dict_user`.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The pipeline runs here, before MkDocs writes anything: bad data stops the build
        # with every problem listed and leaves site_dir untouched.
        self.root = Path(config.config_file_path).resolve().parent
        options = site_options(config, self.config, self.root)
        try:
            self.outputs = build_outputs(self.root, options)
        except Exception as exc:  # the last line of defence, as in `pizhu check`
            raise PluginError(internal_error(exc)) from None
        stopping = errors(self.outputs.problems, strict=options.strict)
        if stopping:
            raise PluginError(f"pizhu found {len(stopping)} problem(s):\n{format_problems(stopping)}")
        for problem in self.outputs.problems:
            log.warning(problem.format())
        if _search_plugin(config) is not None:
            add_words_to_jieba(self.outputs.project.terms)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.outputs is not None
        for page in self.outputs.pages:
            file = File.generated(config, page.src_uri, content=page.content)
            if page.edit_path and config.repo_url and config.edit_uri:
                file.edit_uri = page.edit_path
            files.append(file)
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:  # type: ignore[no-untyped-def]
        for folder in ("data", "seeds", self.config.templates):
            if (self.root / folder).exists():
                server.watch(str(self.root / folder))
        return server

    # Late: the search plugin must have written search/search_index.json.
    @event_priority(-50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.outputs is not None
        site = Path(config.site_dir)
        for rel, content in self.outputs.files.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if _search_plugin(config) is not None:
            index_notes(site / "search" / "search_index.json", self.outputs.project)


def _search_plugin(config: MkDocsConfig) -> BasePlugin | None:  # type: ignore[type-arg]
    """Material's search plugin, if the site uses it."""
    return config.plugins.get("material/search") or config.plugins.get("search")
