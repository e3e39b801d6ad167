"""TypeScript declarations for an app's exports and for the JS runtime's API.

The declarations are generated from the same frozen specs that drive the marshalling, so a
``.d.ts`` can never disagree with what the runtime checks. Parameter types say what JS may
pass (``readonly T[]``, ``Uint8Array | ArrayBuffer | DataView``); return types say what JS
gets back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from jsinterop._exports import ExportEntry
from jsinterop._spec_types import ParamSpec, Position, SignatureSpec, TypeSpec, typescript

__all__ = ["render_declarations", "signature_type", "ts_type"]


def ts_type(spec: TypeSpec, position: Position) -> str:
    """The TypeScript type of a value crossing as ``spec`` (each spec kind knows its own).

    Examples
    --------
    >>> from jsinterop._spec_types import IntSpec, ListSpec, OptionalSpec
    >>> ts_type(ListSpec(OptionalSpec(IntSpec())), "return")
    '(number | null)[]'
    >>> ts_type(ListSpec(IntSpec()), "param")
    'readonly number[]'
    """
    return typescript(spec, position, ts_type)


def _parameter(param: ParamSpec) -> str:
    optional = "?" if param.has_default else ""
    return f"{param.name}{optional}: {ts_type(param.type, 'param')}"


def signature_type(spec: SignatureSpec) -> str:
    """``(a: number, b?: string) => Promise<string>``: an export as JS calls it.

    Examples
    --------
    >>> from jsinterop._spec_types import IntSpec, ParamSpec, SignatureSpec, StrSpec
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

export interface PythonRuntimeBuilder {
  withApplicationArguments(...args: string[]): PythonRuntimeBuilder;
  withApplicationArgumentsFromQuery(): PythonRuntimeBuilder;
  withConfig(config: PythonConfig): PythonRuntimeBuilder;
  create(): Promise<PythonRuntime>;
  run(): Promise<number>;
}

export declare const python: PythonRuntimeBuilder;
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
