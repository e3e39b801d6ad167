"""TypeScript declarations for an app's exports and for the JS runtime's API.

The declarations are generated from the same frozen specs that drive the marshalling, so a
``.d.ts`` can never disagree with what the runtime checks. Parameter types say what JS may
pass (``readonly T[]``, ``Uint8Array | ArrayBuffer | DataView``); return types say what JS
gets back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from jsinterop._exports import ExportEntry
from jsinterop._spec import ParamSpec, SignatureSpec, TypeSpec
from jsinterop._spec_compound import TYPECODES

__all__ = ["render_declarations", "signature_type", "ts_type"]

Position = Literal["param", "return"]

_SIMPLE: dict[str, str] = {
    "bool": "boolean",
    "int": "number",
    "float": "number",
    "str": "string",
    "none": "void",
    "jsobject": "object",
    "bigint": "bigint",
    "datetime": "Date",
}


def ts_type(spec: TypeSpec, position: Position) -> str:
    """The TypeScript type of a value crossing as ``spec``.

    Examples
    --------
    >>> from jsinterop._spec import IntSpec, ListSpec, OptionalSpec
    >>> ts_type(ListSpec(OptionalSpec(IntSpec())), "return")
    '(number | null)[]'
    >>> ts_type(ListSpec(IntSpec()), "param")
    'readonly number[]'
    """
    kind = spec.kind
    simple = _SIMPLE.get(kind)
    if simple is not None:
        return simple
    details: Any = spec
    if kind == "optional":
        inner = ts_type(details.inner, position)
        if "=>" in inner:  # `(a: T) => R | null` would make the result nullable
            inner = f"({inner})"
        return f"{inner} | null | undefined" if position == "param" else f"{inner} | null"
    if kind in ("bytes", "bytearray"):
        return "Uint8Array | ArrayBuffer | DataView" if position == "param" else "Uint8Array"
    if kind == "choice":
        return " | ".join(json.dumps(value) for value in details.values)
    if kind in ("list", "tuple"):
        item = _grouped(ts_type(details.item, position))
        return f"readonly {item}[]" if position == "param" else f"{item}[]"
    if kind == "fixed_tuple":
        items = ", ".join(ts_type(item, position) for item in details.items)
        return f"readonly [{items}]" if position == "param" else f"[{items}]"
    if kind == "dict":
        return f"Record<string, {ts_type(details.value, position)}>"
    if kind == "struct":
        fields = "; ".join(
            f"{field.name}{'' if field.required else '?'}: {ts_type(field.type, position)}"
            for field in details.fields
        )
        return f"{{ {fields} }}" if fields else "Record<string, never>"
    if kind == "union":
        return " | ".join(_grouped(ts_type(member, position)) for member in details.members)
    if kind == "array":
        return " | ".join(dict.fromkeys(TYPECODES[code] for code in details.typecodes))
    if kind == "memoryview":
        return f"ArrayBufferView | ArrayBuffer | {_MEMORY_VIEW}"
    if kind == "exception":
        return "Error"
    if kind == "any":
        return "unknown"
    if kind == "awaitable":
        inner = ts_type(details.inner, position)
        return f"PromiseLike<{inner}>" if position == "param" else f"Promise<{inner}>"
    if kind == "callable":
        return _function_type(details, position)
    return "unknown"


def _function_type(spec: Any, position: Position) -> str:
    """A Callable as a function type. Directions flip inside it: a function JS passes in
    receives what Python sends (return-position types) and returns what Python receives."""
    inner: Position = "return" if position == "param" else "param"
    if spec.params is None:
        params = "...args: any[]"
    else:
        params = ", ".join(f"arg{i}: {ts_type(p, inner)}" for i, p in enumerate(spec.params))
    returns = ts_type(spec.returns, position)
    if spec.is_async:
        returns = (
            f"{returns} | Promise<{returns}>" if position == "param" else f"Promise<{returns}>"
        )
    return f"({params}) => {returns}"


# The runtime's MemoryView, structurally (a stub's memoryview passed on to an export).
_MEMORY_VIEW = "{ readonly isDisposed: boolean; readonly length: number }"


def _grouped(text: str) -> str:
    """``text`` in parentheses when it would not bind as one type before ``[]``."""
    if any(symbol in text for symbol in ("|", "=>", " ")) and not text.startswith("Record<"):
        return f"({text})"
    return text


def _parameter(param: ParamSpec) -> str:
    optional = "?" if param.has_default else ""
    return f"{param.name}{optional}: {ts_type(param.type, 'param')}"


def signature_type(spec: SignatureSpec) -> str:
    """``(a: number, b?: string) => Promise<string>``: an export as JS calls it.

    Examples
    --------
    >>> from jsinterop._spec import IntSpec, ParamSpec, SignatureSpec, StrSpec
    >>> spec = SignatureSpec("app.f", (ParamSpec("a", IntSpec()),), StrSpec(), is_async=True)
    >>> signature_type(spec)
    '(a: number) => Promise<string>'
    """
    params = ", ".join(_parameter(param) for param in spec.params)
    returns = ts_type(spec.returns, "return")
    if spec.is_async:
        returns = f"Promise<{returns}>"
    return f"({params}) => {returns}"


def _tree(entries: Iterable[ExportEntry]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for entry in entries:
        *namespaces, name = entry.path.split(".")
        node = root
        for part in namespaces:
            node = node.setdefault(part, {})
        node[name] = entry
    return root


def _render_tree(node: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for name in sorted(node):
        value = node[name]
        if isinstance(value, ExportEntry):
            params = ", ".join(_parameter(param) for param in value.spec.params)
            returns = ts_type(value.spec.returns, "return")
            if value.spec.is_async:
                returns = f"Promise<{returns}>"
            lines.append(f"{indent}{name}({params}): {returns};")
        else:
            lines.append(f"{indent}{name}: {{")
            lines.extend(_render_tree(value, indent + "  "))
            lines.append(f"{indent}}};")
    return lines


_RUNTIME = """\
/** Settings merged over _framework/app.json. */
export interface PythonConfig {
  mainPackage?: string;
  main?: string;
  archives?: string[];
  appRoot?: string;
  pyodideURL?: string;
  env?: Record<string, string>;
  [setting: string]: unknown;
}

/** What python.create() resolves to; also globalThis.getPythonRuntime(0). */
export interface PythonRuntime {
  /** Register a plain object as the JS module `name` for @js_import stubs. */
  setModuleImports(name: string, module: object): void;
__GET_EXPORTS__  getExports(packageName: string): Promise<Record<string, unknown>>;
  getConfig(): PythonConfig & { appRoot: string; applicationArguments: string[] };
  /** Run main(args); resolves to its exit code. */
  runMain(args?: string[]): Promise<number>;
  /** Run main(args), then exit the process with its code (Node). */
  runMainAndExit(args?: string[]): Promise<number>;
  readonly pyodide: unknown;
}

export interface PythonHostBuilder {
  withApplicationArguments(...args: string[]): PythonHostBuilder;
  withApplicationArgumentsFromQuery(): PythonHostBuilder;
  withConfig(config: PythonConfig): PythonHostBuilder;
  create(): Promise<PythonRuntime>;
  run(): Promise<number>;
}

export declare const python: PythonHostBuilder;
export default python;
export declare function getPythonRuntime(index?: number): PythonRuntime;

declare global {
  function getPythonRuntime(index?: number): PythonRuntime;
}
"""


def render_declarations(package: str, entries: Iterable[ExportEntry]) -> str:
    """The ``jsinterop.d.mts`` for an app: its exports and the runtime API.

    Placed beside ``_framework/jsinterop.mjs`` (``jsinterop build`` does that), it types
    ``import { python } from "./_framework/jsinterop.mjs"`` and ``getExports("<package>")``.

    Examples
    --------
    >>> text = render_declarations("hello", [])
    >>> "export interface HelloExports" in text
    True
    """
    interface = "".join(part.capitalize() for part in package.replace(".", "_").split("_"))
    interface = f"{interface}Exports"
    body = _render_tree(_tree(entries), "  ")
    exports = "\n".join([f"export interface {interface} {{", *body, "}"])
    get_exports = f"  getExports(packageName: {json.dumps(package)}): Promise<{interface}>;\n"
    return (
        "// Generated by `jsinterop typings` from the app's @js_export functions. Do not edit.\n"
        f"// Package: {package}\n\n"
        f"/** What getExports({json.dumps(package)}) resolves to. */\n"
        f"{exports}\n\n"
        f"{_RUNTIME.replace('__GET_EXPORTS__', get_exports)}"
    )
