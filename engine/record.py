"""``@dataclass`` for the engine's plain records, without importing :mod:`dataclasses`.

Importing :mod:`dataclasses` pulls in :mod:`inspect` (and with it ``ast``, ``dis``, ``tokenize``...): about 13 ms of
every engine process's start-up, which an empty program does not need (issue 11). The engine's records use a small
subset of it, which this module provides with the same meaning: fields from the class's annotations, in order;
defaults and ``field(default_factory=...)``; ``__init__``, ``__repr__``, ``__eq__`` (unless ``eq=False``) and, with
``frozen=True``, assignment refused and ``__hash__`` from the fields. No inheritance between records, no
``ClassVar``, no ``__post_init__``: the engine has none (a record that needs them should use :mod:`dataclasses`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (as dataclasses.FrozenInstanceError)."""


class _Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING) -> Any:
    """A field's default: a value, or a function called for each new record."""
    return _Field(default, default_factory)


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _process(cls: type, frozen: bool, eq: bool) -> type:
    names = list(cls.__dict__.get("__annotations__", {}))
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_object_setattr": object.__setattr__}
    params: list[str] = []
    body: list[str] = []
    for name in names:
        default = cls.__dict__.get(name, _MISSING)
        if isinstance(default, _Field):
            if default.default_factory is not _MISSING:
                namespace[f"_factory_{name}"] = default.default_factory
                params.append(f"{name}=_MISSING")
                body.append(f"{name} = _factory_{name}() if {name} is _MISSING else {name}")
            else:
                namespace[f"_default_{name}"] = default.default
                params.append(f"{name}=_default_{name}")
            if default.default is not _MISSING:
                setattr(cls, name, default.default)
            else:
                delattr(cls, name)
        elif default is not _MISSING:
            namespace[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        else:
            if any("=" in p for p in params):
                raise TypeError(f"non-default argument {name!r} follows default argument")
            params.append(name)
        body.append(f"_object_setattr(self, {name!r}, {name})" if frozen else f"self.{name} = {name}")
    src = f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body or ["pass"])
    exec(src, namespace)  # noqa: S102 - generated from the class's own field names, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    fields = tuple(names)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in fields)
        return f"{type(self).__qualname__}({inner})"

    cls.__repr__ = __repr__  # type: ignore[method-assign]
    if eq:
        def __eq__(self: Any, other: Any) -> Any:
            if other.__class__ is not self.__class__:
                return NotImplemented
            return tuple(getattr(self, n) for n in fields) == tuple(getattr(other, n) for n in fields)

        cls.__eq__ = __eq__  # type: ignore[method-assign]
        if frozen:
            cls.__hash__ = lambda self: hash(tuple(getattr(self, n) for n in fields))  # type: ignore[method-assign]
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # as dataclasses: eq without frozen is unhashable
    if frozen:
        cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
        cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    return cls


def dataclass(cls: type | None = None, *, frozen: bool = False, eq: bool = True) -> Any:
    """``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(eq=False)``: see the module's docstring."""
    if cls is not None:
        return _process(cls, frozen, eq)
    return lambda c: _process(c, frozen, eq)
