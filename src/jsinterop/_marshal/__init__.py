"""Python halves of the marshallers, one module per type family, registered here.

Each family module (see :mod:`jsinterop._marshal.registry`) names its spec kinds in ``KINDS``
and builds the Python expressions that convert a value of those kinds on its way to JS and back;
the compiler in :mod:`jsinterop._compile` pastes them into one generated function per
signature, so a call does no lookups. A new type family is one module and one line below.
"""

from __future__ import annotations

from jsinterop._marshal import (
    arrays,
    awaitables,
    bigints,
    buffers,
    callables,
    choices,
    dates,
    exceptions,
    mappings,
    maps,
    memoryviews,
    objects,
    primitives,
    sequences,
    sets,
    structs,
    unions,
    uuids,
)
from jsinterop._marshal.registry import register

__all__: list[str] = []

register(primitives)
register(objects)
register(bigints)
register(dates)
register(uuids)
register(buffers)
register(choices)
register(sequences)
register(sets)
register(mappings)
register(maps)
register(structs)
register(unions)
register(arrays)
register(memoryviews)
register(exceptions)
register(callables)
register(awaitables)
