// Callable[[A, B], R] <-> Function, and the dynamic `Any` (object / typing.Any).
//
// A Python callable goes to JS as a JS function made once per Python handle (handles.mjs
// keeps it alive while JS holds it and releases it when JS drops it). Calling it checks the
// arguments JS passes like an export does (extra arguments are ignored, as JS callers such as
// Array.prototype.forEach pass them), calls Python, and checks what Python returns.
// A JS function goes to Python wrapped in a caller that checks what Python passes and what the
// function returns, like an import; the wrapper goes back to JS as the original function. Both
// wrappers come from the signature compiler (signature.mjs), as stubs' do.

import { typeName as valueTypeName } from "./registry.mjs";
import { INTO_JS, INTO_PYTHON, callableSignature, compileSignature } from "../signature.mjs";

export const names = { any: "object" };
export const jsNames = { any: "any value" };

export function typeName(spec) {
  if (spec.kind === "any") return "object";
  const params = spec.params === null ? "..." : `[${spec.params.map(valueTypeName).join(", ")}]`;
  const returns = valueTypeName(spec.returns);
  return `Callable[${params}, ${spec.isAsync ? `Awaitable[${returns}]` : returns}]`;
}

export function jsTypeName(spec) {
  return spec.kind === "any" ? "any value" : "function";
}

// -- Any ----------------------------------------------------------------------------------

// A value Python converted (jsinterop/_bridge.py to_js_any), on its way to JS.
export function anyFromPy(handles) {
  return (v) => {
    if (typeof v === "function") return handles.jsOf(v);
    // Pyodide sends ints from 2**53 - 1 on as BigInt; Python checked the range.
    if (typeof v === "bigint") return Number(v);
    return v;
  };
}

// A JS value on its way to Python: our handles as the Python objects they stand for.
export function anyToPy(handles) {
  return (v) => {
    if (v === null) return undefined;
    if (typeof v === "object" || typeof v === "function") return handles.pythonOf(v) ?? v;
    return v;
  };
}

// -- family entry points --------------------------------------------------------------------

export function fromPy(spec, ctx) {
  const handles = ctx.boundary.handles;
  if (spec.kind === "any") return anyFromPy(handles);
  const ffi = ctx.ffi;
  return (v) => (typeof v === "function" && !(v instanceof ffi.PyProxy) ? handles.jsOf(v) : ctx.fail("type", v));
}

// A JS function on its way to Python: wrapped in a caller that checks what Python passes and
// what the function returns (compiled once per signature); the wrapper goes back to JS as the
// original function.
export function toPy(spec, ctx) {
  const { boundary, ffi } = ctx;
  const handles = boundary.handles;
  if (spec.kind === "any") return anyToPy(handles);
  const where = ctx.where ?? `a JS function ${typeName(spec)}`;
  const wrap = compileSignature(callableSignature(spec), INTO_JS, {
    boundary, where, resultWhere: `${where}: the value returned`,
  });
  return (v) => {
    if (typeof v !== "function") return ctx.fail("type", v);
    if (v instanceof ffi.PyProxy) return v;
    return handles.pythonOf(v) ?? handles.wrapped(wrap(v, undefined), v);
  };
}

// -- a Python callable called from JS -------------------------------------------------------

// The compiled callers of each runtime: one per signature and name, made on first use.
const callerFactories = new WeakMap(); // boundary -> Map(key -> make(state))

// A new JS function for the Python callable held by `state` ({ id, name, target, original }).
export function pythonCallableForJs(boundary, specJson, state) {
  let factories = callerFactories.get(boundary);
  if (!factories) {
    factories = new Map();
    callerFactories.set(boundary, factories);
  }
  const key = `${specJson}\u0000${state.name}`;
  let make = factories.get(key);
  if (!make) {
    make = compileSignature(callableSignature(JSON.parse(specJson)), INTO_PYTHON, {
      boundary, where: state.name, resultWhere: `${state.name}: return value`, extraArguments: "ignored",
      returnsExceptions: true,
    });
    factories.set(key, make);
  }
  return make(state);
}
