"""The plugin host: a fresh plugin manager per host, and a typed facade over its hooks.

Built-in plugins are registered by module name from :data:`DEFAULT_PLUGINS`; third-party
plugins come from the ``govinfo`` entry-point group. Nothing is registered at import
time and there is no global manager: build a :class:`PluginHost` where you need one.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Iterable, Sequence

import attrs
import pluggy

from govinfo import hookspecs
from govinfo.errors import PluginError
from govinfo.model import Candidate, Diagnostic, Document, Report, Segmentation, SectionText, Source
from govinfo.template import Template

ENTRY_POINT_GROUP = "govinfo"

#: The built-in plugins, registered under these names (a layout's name is its id).
#: pluggy calls ``trylast`` implementations in registration order, so read_text (which
#: takes any text) is registered after the readers that recognise a format.
DEFAULT_PLUGINS: tuple[tuple[str, str], ...] = (
    ("read_html", "govinfo_plugins.read_html"),
    ("read_pdf", "govinfo_plugins.read_pdf"),
    ("read_docx", "govinfo_plugins.read_docx"),
    ("read_text", "govinfo_plugins.read_text"),
    ("segment_headings", "govinfo_plugins.segment_headings"),
    ("tab_table", "govinfo_plugins.tab_table"),
    ("vertical_cell", "govinfo_plugins.vertical_cell"),
    ("markdown_ocr", "govinfo_plugins.markdown_ocr"),
    ("pipe_table", "govinfo_plugins.pipe_table"),
    ("html_table", "govinfo_plugins.html_table"),
)


def make_plugin_manager(
    *, entry_points: bool = True, disabled: Iterable[str] = (), builtins: bool = True
) -> pluggy.PluginManager:
    """A new plugin manager with the built-ins and (optionally) installed plugins.

    ``disabled`` names plugins to block, built-in or third-party (the kill switch).
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for name in disabled:
        manager.set_blocked(name)
    if builtins:
        for name, module_name in DEFAULT_PLUGINS:
            if manager.is_blocked(name):
                continue
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:  # the plugin exists but a dependency of it is broken
                    raise
                continue  # not shipped in this build
            manager.register(module, name=name)
    if entry_points:
        manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    return manager


@attrs.frozen
class PluginInfo:
    """What ``govinfo plugins`` lists."""

    name: str
    hooks: tuple[str, ...]
    version: str | None
    builtin: bool


class PluginHost:
    """A typed facade over a plugin manager.

    ``strict=True`` re-raises a plugin's exception (as :class:`PluginError`, chained);
    otherwise the failure becomes a :class:`Diagnostic` and the other plugins go on.
    """

    def __init__(
        self,
        manager: pluggy.PluginManager | None = None,
        *,
        strict: bool = False,
        disabled: Iterable[str] = (),
        entry_points: bool = True,
    ) -> None:
        self.manager = manager or make_plugin_manager(entry_points=entry_points, disabled=disabled)
        self.strict = strict

    # ------------------------------------------------------------------ choose-one hooks

    def read_document(self, source: Source) -> Document | None:
        return self.manager.hook.govinfo_read_document(source=source)

    def segment_document(self, document: Document) -> Segmentation | None:
        return self.manager.hook.govinfo_segment_document(document=document)

    def first_impl_name(self, hook_name: str) -> str | None:
        impls = getattr(self.manager.hook, hook_name).get_hookimpls()
        return impls[-1].plugin_name if impls else None

    # ------------------------------------------------------------------ competing hooks

    def parse_section(
        self, section: SectionText, template: Template
    ) -> tuple[list[Candidate], list[Diagnostic]]:
        """Every layout plugin's candidate for a section, each plugin called on its own."""
        named, diagnostics = self.named_candidates(section, template)
        return [candidate.stamped(plugin=plugin) for plugin, candidate in named], diagnostics

    def named_candidates(
        self, section: SectionText, template: Template
    ) -> tuple[list[tuple[str, Candidate]], list[Diagnostic]]:
        """:meth:`parse_section`'s candidates as (plugin name, candidate), not yet stamped
        with the name (the pipeline stamps only each section's winner)."""
        named: list[tuple[str, Candidate]] = []
        diagnostics: list[Diagnostic] = []
        for impl in self.manager.hook.govinfo_parse_section.get_hookimpls():
            result = self._call(
                impl, "govinfo_parse_section", diagnostics, section=section, template=template
            )
            if result is not None:
                named.append((impl.plugin_name, result))
        return named, diagnostics

    def render_section(self, layout: str, section: str, report: Report) -> str | None:
        """Ask the plugin named ``layout`` (only it) to print a table section."""
        plugin = self.manager.get_plugin(layout)
        if plugin is None:
            raise KeyError(f"no layout plugin named {layout!r}; known: {', '.join(self.layouts())}")
        for impl in self.manager.hook.govinfo_render_section.get_hookimpls():
            if impl.plugin_name == layout:
                return self._call(impl, "govinfo_render_section", None, section=section, report=report)
        raise KeyError(f"plugin {layout!r} does not render")

    def validation_rules(self) -> list[Any]:
        rules: list[Any] = []
        for impl in self.manager.hook.govinfo_validation_rules.get_hookimpls():
            rules.extend(self._call(impl, "govinfo_validation_rules", None) or ())
        return rules

    # ------------------------------------------------------------------ listing

    def layouts(self) -> list[str]:
        """Names of the plugins that parse table sections, sorted."""
        return sorted(impl.plugin_name for impl in self.manager.hook.govinfo_parse_section.get_hookimpls())

    def renderers(self) -> list[str]:
        return sorted(impl.plugin_name for impl in self.manager.hook.govinfo_render_section.get_hookimpls())

    def plugins(self) -> list[PluginInfo]:
        builtin_names = {name for name, _ in DEFAULT_PLUGINS}
        versions = {
            self.manager.get_name(plugin): dist.version
            for plugin, dist in self.manager.list_plugin_distinfo()
        }
        infos = []
        for name, plugin in sorted(self.manager.list_name_plugin(), key=lambda item: str(item[0])):
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ()))
            infos.append(PluginInfo(str(name), hooks, versions.get(name), name in builtin_names))
        return infos

    # ------------------------------------------------------------------ plumbing

    def _call(
        self,
        impl: pluggy.HookImpl,
        hook: str,
        diagnostics: list[Diagnostic] | None,
        **kwargs: Any,
    ) -> Any:
        function: Callable[..., Any] = impl.function
        try:
            # an implementation takes some of the hook's arguments, by name (most take all)
            if len(impl.argnames) == len(kwargs):
                return function(**kwargs)
            return function(**{name: kwargs[name] for name in impl.argnames})
        except Exception as error:  # one plugin's failure must not take the others down
            if self.strict or diagnostics is None:
                raise PluginError(impl.plugin_name, hook, error) from error
            diagnostics.append(
                Diagnostic(hook, f"{type(error).__name__}: {error}", impl.plugin_name, "error")
            )
            return None


def plugin_names(manager: pluggy.PluginManager) -> Sequence[str]:
    return sorted(str(name) for name, _ in manager.list_name_plugin())
