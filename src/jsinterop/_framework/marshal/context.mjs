// The context a converter reports a wrong value through, and the runtime it works for.
//
// `valueFrom` says which language produced the value (it decides how the value is described);
// `caller` says who gets the error: a Python caller gets the Python type to raise, a JS caller
// a TypeError or RangeError naming the JS type expected too. `boundary` is the runtime's side
// of the boundary: { ffi, handles, thrownFromPy(error, where) } (made by bridge.mjs).

import { describeJs, describePython, isThenable } from "./describe.mjs";
import { jsTypeName, typeName } from "./registry.mjs";
import { errorRaisedInPython } from "../errors.mjs";

export function marshalContext({ where, spec, boundary, valueFrom, caller, ownsValue = false }) {
  const ffi = boundary.ffi;
  const expectedFor = (s) => (caller === "python" ? typeName(s) : `${typeName(s)} (${jsTypeName(s)})`);
  const describe = valueFrom === "python" ? describePython : describeJs;
  const expected = expectedFor(spec);
  return {
    ffi,
    boundary,
    where,
    // `path` names the item inside a container: `[3]`, `["key"]`. A `sentence` replaces
    // "must be ..., got ..." (`is missing field 'y'`).
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "", sentence = undefined) {
      let message = sentence === undefined
        ? `${where}${path} must be ${expectedText}, got ${receivedText ?? describe(value, ffi)}`
        : `${where}${path} ${sentence}`;
      if (valueFrom === "js" && caller === "python" && isThenable(value)) {
        message += " (declare the stub with 'async def' to await it)";
      }
      if (ownsValue && value instanceof ffi.PyProxy) value.destroy();
      const range = kind === "range";
      if (caller === "python") {
        throw errorRaisedInPython(range ? "OverflowError" : "TypeError", message, range ? RangeError : TypeError);
      }
      throw range ? new RangeError(message) : new TypeError(message);
    },
    item(itemSpec) {
      return itemContext(itemSpec, boundary, expectedFor, describe);
    },
    rethrowAt,
  };
}

// A failing item inside a container, on its way out to the container's converter, which
// adds the index or key to `path` and reports it through its own context.
class ItemFailure {
  constructor(kind, value, expectedText, receivedText, path, sentence) {
    Object.assign(this, { kind, value, expectedText, receivedText, path, sentence });
  }
}

function rethrowAt(error, step) {
  if (!(error instanceof ItemFailure)) throw error;
  return this.fail(error.kind, error.value, error.expectedText, error.receivedText, `${step}${error.path}`, error.sentence);
}

function itemContext(spec, boundary, expectedFor, describe) {
  const ffi = boundary.ffi;
  const expected = expectedFor(spec);
  return {
    ffi,
    boundary,
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "", sentence = undefined) {
      const received = sentence === undefined ? receivedText ?? describe(value, ffi) : undefined;
      throw new ItemFailure(kind, value, expectedText, received, path, sentence);
    },
    item(itemSpec) {
      return itemContext(itemSpec, boundary, expectedFor, describe);
    },
    rethrowAt,
  };
}
