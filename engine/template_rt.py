"""Run-time helper of tagged templates (13.2.8.4 GetTemplateObject), which compiled code calls (``_tplobj``):
installed into the compiled module's globals by its prelude (engine.compiler.Compiler.PRELUDE).

A template literal's strings object is made once per site and reused on every evaluation ([[TemplateMap]]):
a frozen array of the cooked strings (undefined for an invalid escape) whose non-enumerable ``raw`` property is
a frozen array of the raw strings. V8's heap snapshot gives it no allocation site, so neither does the engine."""

from __future__ import annotations

from typing import Any

from engine.values import UNDEFINED, JSObject


def install(ns: dict[str, Any]) -> None:
    vm = ns["_vm"]
    from engine.builtins.object import freeze

    cache: dict[str, JSObject] = vm.__dict__.setdefault("_template_map", {})
    newarr = ns["_newarr_nosite"]

    def tplobj(site: str, cooked: list[Any], raw: list[str]) -> JSObject:
        obj = cache.get(site)
        if obj is None:
            strings = newarr([UNDEFINED if c is None else c for c in cooked])
            raws = newarr(list(raw))
            freeze(raws)
            strings.define_hidden("raw", raws)
            freeze(strings)
            cache[site] = obj = strings
        return obj

    ns["_tplobj"] = tplobj
