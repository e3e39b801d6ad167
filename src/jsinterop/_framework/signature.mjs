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
import { isPyProxy, isThenable } from "./marshal/describe.mjs";
import { PendingResult, Thrown, arityError, stackOverflowError } from "./errors.mjs";
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
// extraArguments: "refused" | "ignored" (INTO_PYTHON: what JS may pass beyond the parameters),
// returnsExceptions (INTO_PYTHON: the Python function returns its exception as a Thrown
// instead of raising it, as a callback's does) }.
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

// How many calls from Python into JS are running (synchronously): a call into Python made
// meanwhile is nested in Python code.
let jsCallsFromPython = 0;

// What the JS function throws (or its Promise rejects with) goes on into Python as the
// boundary's carrier of it (`thrownIntoPython`: safe to read, whatever JS threw).
function callIntoJs(signature, converters, { boundary, where, resultWhere, discardWhere = where }) {
  const convertArguments = argumentConverter(converters);
  const intoPython = boundary.thrownIntoPython;
  if (signature.isAsync) {
    const result = converters.result ?? discard(discardWhere);
    return (fn, owner) => async (...values) => {
      const args = convertArguments(values);
      let pending;
      jsCallsFromPython++;
      try { pending = fn.apply(owner, args); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
      let value;
      try { value = await pending; } catch (error) { throw intoPython(error); }
      return result(value);
    };
  }
  const result = converters.result ? waitingForPromises(converters.result, resultWhere, intoPython) : discard(discardWhere);
  // MemoryView arguments are valid only during the call (async calls cannot take them).
  const closesViews = takesMemoryViews(signature);
  return (fn, owner) => {
    const call = converters.anyArgument
      ? (...values) => {
        const args = convertArguments(values);
        let value;
        jsCallsFromPython++;
        try { value = fn.apply(owner, args); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      }
      : callerByArity(fn, owner, converters.args, result, intoPython);
    return closesViews ? boundary.handles.closingViews(call) : call;
  };
}

// A plain `def`'s result: a Promise where the declared type takes none (not Awaitable, not
// object) is handed to Python to wait for (PendingResult), its value converted as a returned
// one would be; a rejection reaches Python as a carrier (`intoPython`), as a throw does.
// Looked at only once the converter refused the value: the usual call pays nothing.
function waitingForPromises(convert, where, intoPython) {
  const rejected = (reason) => {
    throw intoPython(reason);
  };
  return (value) => {
    try {
      return convert(value);
    } catch (error) {
      if (!isThenable(value)) throw error;
      throw new PendingResult(Promise.resolve(value).then(convert, rejected), where);
    }
  };
}

function discard(where) {
  const report = (error) => {
    try {
      console.error(`${where}: a discarded Promise was rejected:`, error);
    } catch {
      console.error(`${where}: a discarded Promise was rejected with a value that cannot be shown`);
    }
  };
  return (result) => {
    if (isThenable(result)) {
      // .NET's JSType.Discard: nobody awaits it, but a rejection must not go unnoticed.
      try {
        result.then(undefined, report);
      } catch {
        // A thenable whose `then` throws: there is nothing to wait for.
      }
    }
    return undefined;
  };
}

function takesMemoryViews(signature) {
  return (signature.params ?? []).some(({ type }) => type.kind === "memoryview" ||
    (type.kind === "optional" && type.inner.kind === "memoryview"));
}

// Closures specialised by arity: no array per call for the common counts.
function callerByArity(fn, owner, args, result, intoPython) {
  const [c0, c1, c2, c3] = args;
  switch (args.length) {
    case 0:
      return () => {
        let value;
        jsCallsFromPython++;
        try { value = fn.call(owner); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
    case 1:
      return (a) => {
        const x = c0(a);
        let value;
        jsCallsFromPython++;
        try { value = fn.call(owner, x); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
    case 2:
      return (a, b) => {
        const x = c0(a);
        const y = c1(b);
        let value;
        jsCallsFromPython++;
        try { value = fn.call(owner, x, y); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
    case 3:
      return (a, b, c) => {
        const x = c0(a);
        const y = c1(b);
        const z = c2(c);
        let value;
        jsCallsFromPython++;
        try { value = fn.call(owner, x, y, z); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
    case 4:
      return (a, b, c, d) => {
        const x = c0(a);
        const y = c1(b);
        const z = c2(c);
        const w = c3(d);
        let value;
        jsCallsFromPython++;
        try { value = fn.call(owner, x, y, z, w); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
    default:
      return (...values) => {
        const converted = values.map((item, i) => args[i](item));
        let value;
        jsCallsFromPython++;
        try { value = fn.apply(owner, converted); } catch (error) { throw intoPython(error); } finally { jsCallsFromPython--; }
        return result(value);
      };
  }
}

// -- JS calls Python -------------------------------------------------------------------------

// Calls between JS and Python nest on one machine stack, which V8 checks on every JS and wasm
// call. Should it overflow inside Pyodide (in its JS glue or in the wasm of CPython's eval
// loop), the RangeError unwinds wasm frames without running their exits: CPython's count of
// Python frames is not given back (the deepest pure-Python recursion shrinks with each
// overflow: 993 -> 977 -> 968 -> 963 -> ... measured with Pyodide 314), what arrives is
// whatever the JS glue threw (e.g. an Emscripten ErrnoError, no message), and Pyodide may be left
// unusable. So a call into Python nested deeper than UNCHECKED_DEPTH first checks that room
// is left on the stack for Pyodide and the next level, and if not throws a RangeError from
// here, where unwinding is harmless (a Python caller further out gets a RecursionError).
// Shallower calls, nearly all, cost an increment and a test: the check costs 5-20 µs, ten
// times a call. (Not covered: JS code that used up nearly all of the stack by itself before
// its first call into Python; see SECURITY.md.)
//
// An export called nested in Python code (while Python runs below it, in a call into JS) is
// called through `boundary.callCatching`, which returns an exception instead of raising it
// through Pyodide (as a callback's own wrapper does): raised, it costs time that grows with its traceback (Pyodide formats all of it and
// records the whole JS stack), and a recursion's error is raised again at every level on its
// way out, its traceback longer each time: one overflow of a 160-level recursion took 5-6 s
// that way, ~0.05 s this way (Node 20).
const UNCHECKED_DEPTH = 16;
// Frames `descend` must reach to prove the room: at V8's smallest frame (~50 bytes) ~75 KB,
// many levels' worth (one level, JS -> Python -> JS, takes 5-10 KB in Node).
const ROOM_FRAMES = 1500;
let pythonCallsInProgress = 0;

function descend(n) {
  return n === 0 ? 0 : descend(n - 1) + 1;
}

function hasStackRoom() {
  try {
    descend(ROOM_FRAMES);
    return true;
  } catch {
    return false;
  }
}

// Counts a call into Python `where`; throws a RangeError when the stack is too short for it.
// Whether the call is nested in Python code (then an export is called through `callCatching`).
function enterPython(where) {
  pythonCallsInProgress++;
  if (pythonCallsInProgress <= UNCHECKED_DEPTH) return pythonCallsInProgress > 1 || jsCallsFromPython > 0;
  if (!hasStackRoom()) {
    pythonCallsInProgress--;
    throw stackOverflowError(
      `too little stack is left to call ${where} from JS (${pythonCallsInProgress} calls into Python in progress)`,
    );
  }
  return true;
}

function leavePython() {
  pythonCallsInProgress--;
}

function callIntoPython(signature, converters, { boundary, where, extraArguments, returnsExceptions = false }) {
  const params = signature.params;
  const required = params === null ? 0 : params.filter((param) => !param.optional).length;
  const max = params === null || extraArguments === "ignored" ? Infinity : params.length;
  const call = {
    where,
    // How a call nested in Python code is made, when the function raises its exceptions.
    callCatching: returnsExceptions ? undefined : boundary.callCatching,
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
      if (Thrown.is(value)) throw value.error;
      if (isPyProxy(value, ffi)) value.destroy();
      return undefined;
    };
  }
  return (value) => {
    if (Thrown.is(value)) throw value.error;
    return convert(value);
  };
}

function pythonCaller({ where, callCatching, required, max, convertArguments, finish, rethrow }) {
  return (state) => function (...values) {
    if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
    const target = liveTarget(state);
    const converted = convertArguments(values);
    let value;
    const nested = enterPython(where) && callCatching !== undefined;
    try {
      value = nested ? callCatching(target, converted) : target(...converted);
    } catch (error) { rethrow(error); } finally { leavePython(); }
    return finish(value);
  };
}

function asyncPythonCaller({ where, required, max, convertArguments, finish, rethrow }) {
  return (state) => async function (...values) {
    if (values.length < required || values.length > max) throw arityError(where, required, max, values.length);
    const target = liveTarget(state);
    const converted = convertArguments(values);
    let awaitable;
    enterPython(where); // an exception is raised when the awaitable is awaited, not here
    try { awaitable = target(...converted); } catch (error) { rethrow(error); } finally { leavePython(); }
    let value;
    try { value = await awaitable; } catch (error) { rethrow(error); }
    return finish(value);
  };
}

// Closures specialised by arity for up to three required parameters; undefined beyond.
function pythonCallerByArity({ where, callCatching, max, finish, rethrow }, args) {
  const [c0, c1, c2] = args;
  switch (args.length) {
    case 0:
      return (state) => function () {
        if (arguments.length > max) throw arityError(where, 0, max, arguments.length);
        const target = liveTarget(state);
        let value;
        const nested = enterPython(where) && callCatching !== undefined;
        try {
          value = nested ? callCatching(target, []) : target();
        } catch (error) { rethrow(error); } finally { leavePython(); }
        return finish(value);
      };
    case 1:
      return (state) => function (a) {
        if (arguments.length < 1 || arguments.length > max) throw arityError(where, 1, max, arguments.length);
        const target = liveTarget(state);
        const x = c0(a);
        let value;
        const nested = enterPython(where) && callCatching !== undefined;
        try {
          value = nested ? callCatching(target, [x]) : target(x);
        } catch (error) { rethrow(error); } finally { leavePython(); }
        return finish(value);
      };
    case 2:
      return (state) => function (a, b) {
        if (arguments.length < 2 || arguments.length > max) throw arityError(where, 2, max, arguments.length);
        const target = liveTarget(state);
        const x = c0(a);
        const y = c1(b);
        let value;
        const nested = enterPython(where) && callCatching !== undefined;
        try {
          value = nested ? callCatching(target, [x, y]) : target(x, y);
        } catch (error) { rethrow(error); } finally { leavePython(); }
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
        const nested = enterPython(where) && callCatching !== undefined;
        try {
          value = nested ? callCatching(target, [x, y, z]) : target(x, y, z);
        } catch (error) { rethrow(error); } finally { leavePython(); }
        return finish(value);
      };
    default:
      return undefined;
  }
}
