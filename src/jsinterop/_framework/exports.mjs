// The JS half of a @js_export: check the arguments JS passes (count and types), call the
// Python function, check what it returns, and turn a Python exception into a JS Error.

import { fromPy, toPy } from "./marshal/index.mjs";
import { marshalContext } from "./errors.mjs";

function arityError(where, required, max, got) {
  const expected = required === max ? `${max}` : `${required} to ${max}`;
  const noun = max === 1 && required === max ? "argument" : "arguments";
  return new TypeError(`${where}: expected ${expected} ${noun}, got ${got}`);
}

// `toJsError(error, where)` turns a PythonError into the JS Error the caller sees.
export function buildExport(ffi, toJsError, specJson, target) {
  const spec = JSON.parse(specJson);
  const where = spec.name;
  const args = spec.params.map((param) =>
    toPy(param.type, marshalContext({
      where: `${where}: argument '${param.name}'`, spec: param.type, ffi, valueFrom: "js", caller: "js",
    })),
  );
  const required = spec.params.filter((param) => !param.optional).length;
  const max = spec.params.length;
  const result = spec.returns.kind === "none"
    ? (value) => {
      if (value instanceof ffi.PyProxy) value.destroy();
      return undefined;
    }
    : fromPy(spec.returns, marshalContext({
      where: `${where}: return value`, spec: spec.returns, ffi, valueFrom: "python", caller: "js", ownsValue: true,
    }));
  const rethrow = (error) => {
    throw toJsError(error, where);
  };

  if (spec.isAsync) {
    return async function (...values) {
      if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
      const converted = values.map((value, i) => args[i](value));
      let awaitable;
      try {
        awaitable = target(...converted);
      } catch (error) {
        rethrow(error);
      }
      let value;
      try {
        value = await awaitable;
      } catch (error) {
        rethrow(error);
      }
      return result(value);
    };
  }

  const [c0, c1, c2] = args;
  if (required === max) {
    switch (max) {
      case 0:
        return function () {
          if (arguments.length !== 0) throw arityError(where, 0, 0, arguments.length);
          let value;
          try { value = target(); } catch (error) { rethrow(error); }
          return result(value);
        };
      case 1:
        return function (a) {
          if (arguments.length !== 1) throw arityError(where, 1, 1, arguments.length);
          const x = c0(a);
          let value;
          try { value = target(x); } catch (error) { rethrow(error); }
          return result(value);
        };
      case 2:
        return function (a, b) {
          if (arguments.length !== 2) throw arityError(where, 2, 2, arguments.length);
          const x = c0(a);
          const y = c1(b);
          let value;
          try { value = target(x, y); } catch (error) { rethrow(error); }
          return result(value);
        };
      case 3:
        return function (a, b, c) {
          if (arguments.length !== 3) throw arityError(where, 3, 3, arguments.length);
          const x = c0(a);
          const y = c1(b);
          const z = c2(c);
          let value;
          try { value = target(x, y, z); } catch (error) { rethrow(error); }
          return result(value);
        };
      default:
        break;
    }
  }
  return function (...values) {
    if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
    const converted = values.map((value, i) => args[i](value));
    let value;
    try { value = target(...converted); } catch (error) { rethrow(error); }
    return result(value);
  };
}

// Place `fn` at the dotted `path` inside `root`, creating the namespaces on the way.
export function define(root, path, fn) {
  const parts = path.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = fn;
}
