// Callable[[A, B], R] <-> Function, and the dynamic `Any` (object / typing.Any).
//
// A Python callable goes to JS as a JS function made once per Python handle (handles.mjs
// keeps it alive while JS holds it and releases it when JS drops it). Calling it checks the
// arguments JS passes like an export does (extra arguments are ignored, as JS callers such as
// Array.prototype.forEach pass them), calls Python, and checks what Python returns.
// A JS function goes to Python wrapped in a caller that checks what Python passes and what the
// function returns, like an import; the wrapper goes back to JS as the original function.

import { handlesFor, liveTarget } from "../handles.mjs";
import { marshalContext } from "../errors.mjs";
import { fromPy as valueFromPy, toPy as valueToPy, typeName as valueTypeName } from "./index.mjs";

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
  const handles = handlesFor(ctx.ffi);
  if (spec.kind === "any") return anyFromPy(handles);
  const ffi = ctx.ffi;
  return (v) => (typeof v === "function" && !(v instanceof ffi.PyProxy) ? handles.jsOf(v) : ctx.fail("type", v));
}

export function toPy(spec, ctx) {
  const handles = handlesFor(ctx.ffi);
  if (spec.kind === "any") return anyToPy(handles);
  const ffi = ctx.ffi;
  const label = ctx.where ?? `a JS function ${typeName(spec)}`;
  const wrap = jsFunctionForPython(spec, label, ffi, handles);
  return (v) => {
    if (typeof v !== "function") return ctx.fail("type", v);
    if (v instanceof ffi.PyProxy) return v;
    return handles.pythonOf(v) ?? handles.wrapped(wrap(v), v);
  };
}

// -- a JS function called from Python -------------------------------------------------------

function jsFunctionForPython(spec, label, ffi, handles) {
  if (spec.params === null) {
    const arg = anyFromPy(handles);
    const result = anyToPy(handles);
    const call = (fn, values) => fn(...values.map(arg));
    if (spec.isAsync) return (fn) => async (...values) => result(await call(fn, values));
    return (fn) => (...values) => result(call(fn, values));
  }
  const args = spec.params.map((param, i) =>
    valueFromPy(param, marshalContext({ where: `${label}: argument ${i}`, spec: param, ffi, valueFrom: "python", caller: "python" })),
  );
  const result = spec.returns.kind === "none"
    ? () => undefined
    : valueToPy(spec.returns, marshalContext({ where: `${label}: the value returned`, spec: spec.returns, ffi, valueFrom: "js", caller: "python" }));
  const n = args.length;
  const convert = (values) => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = args[i](values[i]);
    return out;
  };
  if (spec.isAsync) return (fn) => async (...values) => result(await fn(...convert(values)));
  return (fn) => (...values) => result(fn(...convert(values)));
}

// -- a Python callable called from JS -------------------------------------------------------

// A Python exception that a callback returned instead of raising: Pyodide keeps ~0.5 KB of JS
// heap for every Python exception raised into JS (measured with Pyodide 314), so the Python
// half catches it and the caller throws its JS Error here.
export class Thrown {
  constructor(error) {
    this.error = error;
  }
}

function checked(value) {
  if (value instanceof Thrown) throw value.error;
  return value;
}

const factories = new Map();

// A new JS function for the Python callable held by `state` ({ id, name, target, original }).
export function pythonCallableForJs(ffi, specJson, state) {
  const key = `${specJson}\u0000${state.name}`;
  let make = factories.get(key);
  if (!make) {
    make = callerFactory(ffi, JSON.parse(specJson), state.name);
    factories.set(key, make);
  }
  return make(state);
}

function callerFactory(ffi, spec, name) {
  const handles = handlesFor(ffi);
  const rethrow = (error) => {
    throw handles.toJsError(error, name);
  };
  if (spec.params === null) {
    const arg = anyToPy(handles);
    const result = anyFromPy(handles);
    const call = (state, values) => {
      const target = liveTarget(state);
      let value;
      try { value = target(...values.map(arg)); } catch (error) { rethrow(error); }
      return value;
    };
    if (spec.isAsync) {
      return (state) => async (...values) => {
        let value;
        try { value = await call(state, values); } catch (error) { rethrow(error); }
        return result(checked(value));
      };
    }
    return (state) => (...values) => result(checked(call(state, values)));
  }
  const args = spec.params.map((param, i) =>
    valueToPy(param, marshalContext({ where: `${name}: argument ${i}`, spec: param, ffi, valueFrom: "js", caller: "js" })),
  );
  const n = args.length;
  const result = spec.returns.kind === "none"
    ? (value) => {
      if (value instanceof ffi.PyProxy) value.destroy();
      return undefined;
    }
    : valueFromPy(spec.returns, marshalContext({ where: `${name}: return value`, spec: spec.returns, ffi, valueFrom: "python", caller: "js", ownsValue: true }));
  const call = (state, values) => {
    if (values.length < n) {
      throw new TypeError(`${name}: expected ${n} argument${n === 1 ? "" : "s"}, got ${values.length}`);
    }
    const target = liveTarget(state);
    const converted = new Array(n);
    for (let i = 0; i < n; i++) converted[i] = args[i](values[i]);
    let value;
    try { value = target(...converted); } catch (error) { rethrow(error); }
    return value;
  };
  if (spec.isAsync) {
    return (state) => async (...values) => {
      const awaitable = call(state, values);
      let value;
      try { value = await awaitable; } catch (error) { rethrow(error); }
      return result(checked(value));
    };
  }
  return (state) => (...values) => result(checked(call(state, values)));
}
