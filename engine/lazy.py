"""Start-up without work an empty program does not need (issue 11): what the engine's modules used to build at
import and only some runs use."""

from __future__ import annotations

import re
import sys
from typing import Any


class LazyPattern:
    """A regular expression compiled on its first use. A pattern with a Unicode class (``\\w``, ``\\d``, a range
    to U+FFFF) takes milliseconds to compile, at every start-up if it is compiled at import; most runs never use
    it. After the first use its methods are the compiled pattern's own (no indirection)."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(*self._args)
        for method in ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def javascript_language() -> Any:
    """The tree-sitter JavaScript grammar (``tree_sitter_javascript.language()``), loaded from its extension
    module directly: the package's ``__init__`` imports :mod:`importlib.resources` (about 7 ms) for the grammar's
    query files, which the engine does not use. Falls back to the package when its layout is not the expected one."""
    if "tree_sitter_javascript" not in sys.modules:
        try:
            from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec, PathFinder

            spec = PathFinder.find_spec("tree_sitter_javascript")
            locations = list(spec.submodule_search_locations or []) if spec is not None else []
            for folder in locations:
                for suffix in (".abi3.so", *EXTENSION_SUFFIXES):
                    path = f"{folder}/_binding{suffix}"
                    try:
                        open(path, "rb").close()
                    except OSError:
                        continue
                    name = "tree_sitter_javascript._binding"
                    loader = ExtensionFileLoader(name, path)
                    module = loader.create_module(ModuleSpec(name, loader, origin=path))
                    loader.exec_module(module)
                    return module.language()
        except (ImportError, AttributeError, OSError):
            pass
    import tree_sitter_javascript

    return tree_sitter_javascript.language()
