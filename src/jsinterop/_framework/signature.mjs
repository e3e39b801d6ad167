// The one signature compiler: turns a signature (parameter types, return type, async or not)
// into the JS function that carries a call across, converting each argument one way and the
// result the other, with converters built once here (compile once; the per-call path is a
// prebuilt closure with no lookups). Used in both directions:
//
//   INTO_JS      Python calls a JS function: a @js_import stub, or a JS function passed to
//                Python as a Callable. Arguments come from Python (fromPy), the result goes to
//                Python (toPy); a Python caller gets the Python exception to raise.
//   INTO_PYTHON  JS calls a Python callable: a @js_export, or a Python callable passed to JS.
//                Arguments go to Python (toPy) after an argument-count check, the result comes
//                from Python (fromPy); a Python exception becomes the JS Error the caller sees.
//
// compileSignature returns a factory: INTO_JS `(fn, owner) => function`, INTO_PYTHON
// `(state) => function`, where `state.target` is the Python callable (null once released).

import { fromPy, toPy } from "./marshal/registry.mjs";
import { marshalContext } from "./marshal/context.mjs";
import { isThenable } from "./marshal/describe.mjs";
import { PendingResult, Thrown, arityError } from "./errors.mjs";
import { liveTarget } from "./handles.mjs";

export const INTO_JS = Object.freeze({
  caller: "python", argumentFrom: "python", argument: fromPy, resultFrom: "js", result: toPy,
});
export const INTO_PYTHON = Object.freeze({
  caller: "js", argumentFrom: "js", argument: toPy, resultFrom: "python", result: fromPy,
});

const ANY = Object.freeze({ kind: "any" });

// A stub's signature (spec.params: [{ name, type, optional }]) in the compiler's terms.
export function stubSignature(spec) {
  const params = spec.params.map((param) => ({ label: `'${param.name}'`, type: param.type, optional: Boolean(param.optional) }));
  return { params, returns: spec.returns, isAsync: spec.isAsync };
}

// A Callable's (spec.params: [type] or null for `...`): parameters are numbered.
export function callableSignature(spec) {
  const params = spec.params === null
    ? null
    : spec.params.map((type, i) => ({ label: `${i}`, type, optional: false }));
  return { params, returns: spec.returns, isAsync: spec.isAsync };
}

// `options`: { boundary, where (names the call in errors), resultWhere (names its result),
// discardWhere (INTO_JS: names the call when a discarded Promise is rejected; default where),
// extraArguments: "refused" | "ignored" (INTO_PYTHON: what JS may pass beyond the parameters) }.
export function compileSignature(signature, direction, options) {
  const converters = compileConverters(signature, direction, options);
  return direction === INTO_JS
    ? callIntoJs(signature, converters, options)
    : callIntoPython(signature, converters, options);
}

// -- converters, the same for both directions ----------------------------------------------

function compileConverters(signature, direction, { boundary, where, resultWhere }) {
  const context = (spec, at, valueFrom, ownsValue = false) =>
    marshalContext({ where: at, spec, boundary, valueFrom, caller: direction.caller, ownsValue });
  // Callable[..., R]: any number of arguments, each converted like `object`.
  const anyArgument = signature.params === null
    ? direction.argument(ANY, context(ANY, `${where}: argument`, direction.argumentFrom))
    : undefined;
  const args = (signature.params ?? []).map((param) => {
    const convert = direction.argument(param.type, context(param.type, `${where}: argument ${param.label}`, direction.argumentFrom));
    // In a stub parameter with a default, None means "argument omitted": JS gets undefined, so
    // the JS function's own default applies. Elsewhere None is sent as null.
    if (direction === INTO_JS && param.optional && param.type.kind === "optional") {
      return (value) => (value === undefined ? undefined : convert(value));
    }
    return convert;
  });
  const returns = signature.params === null && signature.returns.kind !== "none" ? ANY : signature.returns;
  const result = returns.kind === "none"
    ? undefined
    : direction.result(returns, context(returns, resultWhere, direction.resultFrom, direction === INTO_PYTHON));
  return { anyArgument, args, result };
}

// The converted arguments of one call, as many as JS passed and the parameters take.
function argumentConverter({ anyArgument, args }) {
  if (anyArgument) return (values) => values.map(anyArgument);
  const n = args.length;
  return (values) => {
    const count = values.length < n ? values.length : n;
    const out = new Array(count);
    for (let i = 0; i < count; i++) out[i] = args[i](values[i]);
    return out;
  };
}

// -- Python calls JS -------------------------------------------------------------------------

function callIntoJs(signature, converters, { boundary, where, resultWhere, discardWhere = where }) {
  const convertArguments = argumentConverter(converters);
  if (signature.isAsync) {
    const result = converters.result ?? discard(discardWhere);
    return (fn, owner) => async (...values) => result(await fn.apply(owner, convertArguments(values)));
  }
  const result = converters.result ? waitingForPromises(converters.result, resultWhere) : discard(discardWhere);
  // MemoryView arguments are valid only during the call (async calls cannot take them).
  const closesViews = takesMemoryViews(signature);
  return (fn, owner) => {
    const call = converters.anyArgument
      ? (...values) => result(fn.apply(owner, convertArguments(values)))
      : callerByArity(fn, owner, converters.args, result);
    return closesViews ? boundary.handles.closingViews(call) : call;
  };
}

// A plain `def`'s result: a Promise where the declared type takes none (not Awaitable, not
// object) is handed to Python to wait for (PendingResult), its value converted as a returned
// one would be. Looked at only once the converter refused the value: the usual call pays
// nothing.
function waitingForPromises(convert, where) {
  return (value) => {
    try {
      return convert(value);
    } catch (error) {
      if (!isThenable(value)) throw error;
      throw new PendingResult(Promise.resolve(value).then(convert), where);
    }
  };
}

function discard(where) {
  return (result) => {
    if (isThenable(result)) {
      // .NET's JSType.Discard: nobody awaits it, but a rejection must not go unnoticed.
      result.then(undefined, (error) => console.error(`${where}: a discarded Promise was rejected:`, error));
    }
    return undefined;
  };
}

function takesMemoryViews(signature) {
  return (signature.params ?? []).some(({ type }) => type.kind === "memoryview" ||
    (type.kind === "optional" && type.inner.kind === "memoryview"));
}

// Closures specialised by arity: no array per call for the common counts.
function callerByArity(fn, owner, args, result) {
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

// -- JS calls Python -------------------------------------------------------------------------

function callIntoPython(signature, converters, { boundary, where, extraArguments }) {
  const params = signature.params;
  const required = params === null ? 0 : params.filter((param) => !param.optional).length;
  const max = params === null || extraArguments === "ignored" ? Infinity : params.length;
  const call = {
    where,
    required,
    max,
    convertArguments: argumentConverter(converters),
    finish: resultFromPython(converters.result, boundary.ffi),
    rethrow: (error) => {
      throw boundary.thrownFromPy(error, where);
    },
  };
  if (signature.isAsync) return asyncPythonCaller(call);
  if (params !== null && required === params.length) {
    return pythonCallerByArity(call, converters.args) ?? pythonCaller(call);
  }
  return pythonCaller(call);
}

// What Python returned, converted; a Thrown (a callback's exception) is thrown here. With no
// result type, a PyProxy Python returned anyway is released.
function resultFromPython(convert, ffi) {
  if (convert === undefined) {
    return (value) => {
      if (value instanceof Thrown) throw value.error;
      if (value instanceof ffi.PyProxy) value.destroy();
      return undefined;
    };
  }
  return (value) => {
    if (value instanceof Thrown) throw value.error;
    return convert(value);
  };
}

function pythonCaller({ where, required, max, convertArguments, finish, rethrow }) {
  return (state) => function (...values) {
    if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
    const target = liveTarget(state);
    const converted = convertArguments(values);
    let value;
    try { value = target(...converted); } catch (error) { rethrow(error); }
    return finish(value);
  };
}

function asyncPythonCaller({ where, required, max, convertArguments, finish, rethrow }) {
  return (state) => async function (...values) {
    if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
    const target = liveTarget(state);
    const converted = convertArguments(values);
    let awaitable;
    try { awaitable = target(...converted); } catch (error) { rethrow(error); }
    let value;
    try { value = await awaitable; } catch (error) { rethrow(error); }
    return finish(value);
  };
}

// Closures specialised by arity for up to three required parameters; undefined beyond.
function pythonCallerByArity({ where, max, finish, rethrow }, args) {
  const [c0, c1, c2] = args;
  switch (args.length) {
    case 0:
      return (state) => function () {
        if (arguments.length > max) throw arityError(where, 0, max, arguments.length);
        const target = liveTarget(state);
        let value;
        try { value = target(); } catch (error) { rethrow(error); }
        return finish(value);
      };
    case 1:
      return (state) => function (a) {
        if (arguments.length < 1 || arguments.length > max) throw arityError(where, 1, max, arguments.length);
        const target = liveTarget(state);
        const x = c0(a);
        let value;
        try { value = target(x); } catch (error) { rethrow(error); }
        return finish(value);
      };
    case 2:
      return (state) => function (a, b) {
        if (arguments.length < 2 || arguments.length > max) throw arityError(where, 2, max, arguments.length);
        const target = liveTarget(state);
        const x = c0(a);
        const y = c1(b);
        let value;
        try { value = target(x, y); } catch (error) { rethrow(error); }
        return finish(value);
      };
    case 3:
      return (state) => function (a, b, c) {
        if (arguments.length < 3 || arguments.length > max) throw arityError(where, 3, max, arguments.length);
        const target = liveTarget(state);
        const x = c0(a);
        const y = c1(b);
        const z = c2(c);
        let value;
        try { value = target(x, y, z); } catch (error) { rethrow(error); }
        return finish(value);
      };
    default:
      return undefined;
  }
}
