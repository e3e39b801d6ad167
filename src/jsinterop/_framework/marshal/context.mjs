// The context a converter reports a wrong value through, and the runtime it works for.
//
// `valueFrom` says which language produced the value (it decides how the value is described);
// `caller` says who gets the error: a Python caller gets the Python type to raise, a JS caller
// a TypeError or RangeError naming the JS type expected too. `boundary` is the runtime's side
// of the boundary: { ffi, handles, thrownFromPy(error, where), thrownIntoPython(error) } (made
// by bridge.mjs).
//
// Every error a context throws is remembered (`isCheckFailure`), so that the registry can tell
// a converter's own report from an error thrown by the value's code while it was read.

import { describeJs, describePython, isPyProxy, isThenable } from "./describe.mjs";
import { jsTypeName, typeName } from "./registry.mjs";
import { errorRaisedInPython } from "../errors.mjs";

// The most items a value coming from JS may hold, its lists', tuples', sets' and dicts' items
// counted together (so that the same huge sparse Array as every item of a list is no way
// round it): each container's claimed length is counted before anything is allocated for it.
// What Pyodide holds with room to spare when every item is itself a container (each becomes
// a JS value Python reads and a Python object); far beyond what crosses in one call in
// practice. Python gets an OverflowError, a JS caller a RangeError, as for an int out of range.
export const MAX_ITEMS = 2 ** 22;

// Items counted so far in the value being converted, and how many of its containers are
// being converted: the count starts again with an outermost one (countingItems).
let itemsCounted = 0;
let containersInProgress = 0;

const checkFailures = new WeakSet();

function raise(error) {
  checkFailures.add(error);
  throw error;
}

// Whether `error` was thrown by a context's `fail` (so not by the value's own code).
export function isCheckFailure(error) {
  return checkFailures.has(error);
}

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
      if (ownsValue && isPyProxy(value, ffi)) value.destroy();
      const range = kind === "range";
      if (caller === "python") {
        return raise(errorRaisedInPython(range ? "OverflowError" : "TypeError", message, range ? RangeError : TypeError));
      }
      return raise(range ? new RangeError(message) : new TypeError(message));
    },
    item(itemSpec) {
      return itemContext(itemSpec, boundary, expectedFor, describe);
    },
    ...sharedReports(expected, describe, ffi),
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
  if (!(isCheckFailure(error) && error instanceof ItemFailure)) throw error;
  return this.fail(error.kind, error.value, error.expectedText, error.receivedText, `${step}${error.path}`, error.sentence);
}

// The reports both kinds of context make the same way, through their own `fail`.
function sharedReports(expected, describe, ffi) {
  return {
    rethrowAt,
    // Counts the `count` items `value` claims with the others of the value being converted;
    // refuses them beyond MAX_ITEMS (nothing is allocated for them yet).
    countItems(value, count) {
      if (count > MAX_ITEMS) {
        return this.fail("range", value, `${expected} of at most ${MAX_ITEMS} items`, `${count} items`);
      }
      const before = itemsCounted;
      itemsCounted += count;
      if (itemsCounted > MAX_ITEMS) {
        const limit = `${expected} of at most ${MAX_ITEMS} items with the rest of the value`;
        return this.fail("range", value, limit, `${count} items after ${before} others`);
      }
      return undefined;
    },
    // `convert`, a container's converter: the outermost container starts the item count.
    countingItems(convert) {
      return (value) => {
        if (containersInProgress === 0) itemsCounted = 0;
        containersInProgress++;
        try {
          return convert(value);
        } finally {
          containersInProgress--;
        }
      };
    },
    // Reading `value` ran its own code, which threw.
    unreadable(value) {
      return this.fail("type", value, expected, `${describe(value, ffi)}, which threw when read`);
    },
    // `convert`, reporting through this context a value whose own code throws while it is
    // read (a getter, a Proxy trap, a revoked Proxy), instead of letting that error through.
    guarded(convert) {
      return (value) => {
        try {
          return convert(value);
        } catch (error) {
          if (isCheckFailure(error)) throw error;
          return this.unreadable(value);
        }
      };
    },
  };
}

function itemContext(spec, boundary, expectedFor, describe) {
  const ffi = boundary.ffi;
  const expected = expectedFor(spec);
  return {
    ffi,
    boundary,
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "", sentence = undefined) {
      const received = sentence === undefined ? receivedText ?? describe(value, ffi) : undefined;
      return raise(new ItemFailure(kind, value, expectedText, received, path, sentence));
    },
    item(itemSpec) {
      return itemContext(itemSpec, boundary, expectedFor, describe);
    },
    ...sharedReports(expected, describe, ffi),
  };
}
