// The JS half of a @js_import stub: look the function up once, build one converter per
// parameter and for the result, and return a caller specialised for the arity.

import { describeJs, isThenable } from "./marshal/describe.mjs";
import { fromPy, toPy } from "./marshal/index.mjs";
import { marshalContext } from "./errors.mjs";
import { scoped, takesMemoryViews } from "./marshal/memoryviews.mjs";

function discard(functionLabel) {
  return (result) => {
    if (isThenable(result)) {
      // .NET's JSType.Discard: nobody awaits it, but a rejection must not go unnoticed.
      result.then(undefined, (error) => console.error(`${functionLabel}: a discarded Promise was rejected:`, error));
    }
    return undefined;
  };
}

export function bindImport(registry, ffi, specJson, functionName, moduleName) {
  const spec = JSON.parse(specJson);
  const { fn, owner } = registry.lookup(functionName, moduleName);
  const where = `${spec.name}()`;
  const args = spec.params.map((param) => {
    const convert = fromPy(param.type, marshalContext({
      where: `${where}: argument '${param.name}'`, spec: param.type, ffi, valueFrom: "python", caller: "python",
    }));
    // In a parameter with a default, None means "argument omitted": JS gets undefined, so
    // the JS function's own default applies. Elsewhere None is sent as null.
    if (param.optional && param.type.kind === "optional") {
      return (value) => (value === undefined ? undefined : convert(value));
    }
    return convert;
  });
  const result = spec.returns.kind === "none"
    ? discard(`${where} (JS '${functionName}')`)
    : toPy(spec.returns, marshalContext({
      where: `${where}: the value returned by JS '${functionName}'`, spec: spec.returns, ffi, valueFrom: "js", caller: "python",
    }));
  const call = caller(fn, owner, args, result);
  // MemoryView arguments are valid only during the call (async stubs cannot take them).
  if (!spec.isAsync) return takesMemoryViews(spec) ? scoped(call) : call;
  if (spec.returns.kind === "none") {
    return async (...values) => {
      await fn.apply(owner, values.map((value, i) => args[i](value)));
    };
  }
  return async (...values) => result(await fn.apply(owner, values.map((value, i) => args[i](value))));
}

function caller(fn, owner, args, result) {
  const [c0, c1, c2, c3] = args;
  switch (args.length) {
    case 0:
      return () => result(fn.call(owner));
    case 1:
      return (a) => result(fn.call(owner, c0(a)));
    case 2:
      return (a, b) => result(fn.call(owner, c0(a), c1(b)));
    case 3:
      return (a, b, c) => result(fn.call(owner, c0(a), c1(b), c2(c)));
    case 4:
      return (a, b, c, d) => result(fn.call(owner, c0(a), c1(b), c2(c), c3(d)));
    default:
      return (...values) => result(fn.apply(owner, values.map((value, i) => args[i](value))));
  }
}

export { describeJs };
