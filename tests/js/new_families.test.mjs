// The JS halves of set/frozenset, map (dict with non-str keys) and uuid, run in Node with a
// stand-in for Pyodide's FFI: the converters through the registry, as a stub compiles them.
//
//   node --test tests/js/

import assert from "node:assert/strict";
import { test } from "node:test";

import "../../src/jsinterop/_framework/marshal/index.mjs";
import { Handles } from "../../src/jsinterop/_framework/handles.mjs";
import { marshalContext } from "../../src/jsinterop/_framework/marshal/context.mjs";
import { fromPy, jsTypeName, toPy, typeName } from "../../src/jsinterop/_framework/marshal/registry.mjs";
import { categoryOf } from "../../src/jsinterop/_framework/marshal/unions.mjs";

const ffi = { PyProxy: class PyProxy {}, PythonError: class PythonError extends Error {} };
const boundary = { ffi, handles: new Handles(), thrownFromPy: (error) => error };

// A converter as an export's argument (a JS caller: JS values in) or return value (Python's
// value out), or as an import's argument (a Python caller) when `caller` says so.
function jsToPython(spec, where, caller = "js") {
  return toPy(spec, marshalContext({ where, spec, boundary, valueFrom: "js", caller }));
}

function pythonToJs(spec, where, caller = "js") {
  return fromPy(spec, marshalContext({ where, spec, boundary, valueFrom: "python", caller }));
}

const INT = { kind: "int" };
const STR = { kind: "str" };
const SET_OF_INT = { kind: "set", item: INT };
const MAP_INT_STR = { kind: "map", key: INT, value: STR };
const UUID = { kind: "uuid" };

test("set and frozenset name their types from the item's", () => {
  assert.equal(typeName(SET_OF_INT), "set[int]");
  assert.equal(typeName({ kind: "frozenset", item: INT }), "frozenset[int]");
  assert.equal(jsTypeName(SET_OF_INT), "Set of safe integer number");
  assert.equal(typeName({ kind: "optional", inner: SET_OF_INT }), "set[int] | None");
});

test("a Set from JS reaches Python as an Array of checked items", () => {
  const convert = jsToPython(SET_OF_INT, "f: argument 's'");
  assert.deepEqual(convert(new Set([3, 1, 2])), [3, 1, 2]);
  assert.deepEqual(convert(new Set()), []);
});

test("anything but a Set is refused, an Array included", () => {
  const convert = jsToPython(SET_OF_INT, "f: argument 's'");
  assert.throws(() => convert([1, 2]), {
    name: "TypeError",
    message: "f: argument 's' must be set[int] (Set of safe integer number), got Array",
  });
  const frozen = jsToPython({ kind: "frozenset", item: INT }, "f: argument 's'");
  assert.throws(() => frozen(new Map()), {
    message: "f: argument 's' must be frozenset[int] (Set of safe integer number), got object (Map)",
  });
});

test("a wrong item of a Set is named by its place in iteration order", () => {
  const convert = jsToPython(SET_OF_INT, "f: argument 's'");
  assert.throws(() => convert(new Set([1, "x", 3])), {
    name: "TypeError",
    message: "f: argument 's'[1] must be int (safe integer number), got string \"x\"",
  });
  assert.throws(() => convert(new Set([1, 2 ** 60])), {
    name: "RangeError",
    message: `f: argument 's'[1] must be a safe integer within ±${Number.MAX_SAFE_INTEGER}, got ${2 ** 60}`,
  });
});

test("a set from Python (an Array of its items) reaches JS as a new Set", () => {
  const convert = pythonToJs(SET_OF_INT, "f: return value");
  const set = convert([1, 2]);
  assert.ok(set instanceof Set);
  assert.deepEqual([...set], [1, 2]);
  assert.throws(() => convert("12"), { message: "f: return value must be set[int] (Set of safe integer number), got str" });
  assert.throws(() => convert([1, 1.5]), { message: "f: return value[1] must be int (safe integer number), got float" });
});

test("a Python caller is told the Python type only", () => {
  const convert = jsToPython(SET_OF_INT, "g(): the value returned by JS 'g'", "python");
  assert.throws(() => convert([1]), (error) => {
    assert.equal(error.message, "g(): the value returned by JS 'g' must be set[int], got Array");
    assert.equal(error.jsinteropPythonType, "TypeError");
    return true;
  });
});

test("map names its types from the key's and the value's", () => {
  assert.equal(typeName(MAP_INT_STR), "dict[int, str]");
  assert.equal(jsTypeName(MAP_INT_STR), "Map of safe integer number to string");
});

test("a Map from JS reaches Python as an Array of [key, value] pairs", () => {
  const convert = jsToPython(MAP_INT_STR, "f: argument 'm'");
  assert.deepEqual(convert(new Map([[1, "a"], [2, "b"]])), [[1, "a"], [2, "b"]]);
  assert.deepEqual(convert(new Map()), []);
});

test("a plain object is refused with the reason: its keys would be strings", () => {
  const convert = jsToPython(MAP_INT_STR, "f: argument 'm'");
  assert.throws(() => convert({ 1: "a" }), {
    name: "TypeError",
    message: "f: argument 'm' must be dict[int, str] (Map of safe integer number to string), " +
      "got a plain object (its keys would be strings; pass a Map)",
  });
  assert.throws(() => convert([[1, "a"]]), {
    message: "f: argument 'm' must be dict[int, str] (Map of safe integer number to string), got Array",
  });
});

test("a wrong value is named by its key, a wrong key as the key", () => {
  const convert = jsToPython(MAP_INT_STR, "f: argument 'm'");
  assert.throws(() => convert(new Map([[1, "a"], [2, 3]])), {
    message: "f: argument 'm'[2] must be str (string), got number 3",
  });
  assert.throws(() => convert(new Map([["x", "a"]])), {
    message: "f: argument 'm' key \"x\" must be int (safe integer number), got string \"x\"",
  });
});

test("a dict from Python (a Map) reaches JS as a new Map of checked entries", () => {
  const convert = pythonToJs(MAP_INT_STR, "f: return value");
  const sent = new Map([[1, "a"]]);
  const received = convert(sent);
  assert.ok(received instanceof Map);
  assert.notEqual(received, sent);
  assert.deepEqual([...received], [[1, "a"]]);
  assert.throws(() => convert(new Map([[1, 2]])), { message: "f: return value[1] must be str (string), got int" });
  assert.throws(() => convert(new Map([[1.5, "a"]])), {
    message: "f: return value key 1.5 must be int (safe integer number), got float",
  });
  assert.throws(() => convert({ 1: "a" }), { message: /^f: return value must be dict\[int, str\] .*, got JSObject$/ });
});

test("uuid is named UUID, and a UUID string in JS", () => {
  assert.equal(typeName(UUID), "UUID");
  assert.equal(jsTypeName(UUID), "UUID string");
});

test("a UUID string in the canonical form reaches Python, in either case", () => {
  const convert = jsToPython(UUID, "f: argument 'id'");
  for (const text of ["12345678-1234-5678-1234-567812345678", "ABCDEF01-ABCD-ABCD-ABCD-ABCDEF012345"]) {
    assert.equal(convert(text), text);
  }
});

test("a malformed UUID string is refused, braces and urn:uuid: included", () => {
  const convert = jsToPython(UUID, "f: argument 'id'");
  assert.throws(() => convert("xyz"), {
    name: "TypeError",
    message: "f: argument 'id' must be UUID (UUID string), got string \"xyz\"",
  });
  for (const text of [
    "{12345678-1234-5678-1234-567812345678}",
    "urn:uuid:12345678-1234-5678-1234-567812345678",
    "12345678123456781234567812345678",
    "12345678-1234-5678-1234-56781234567g",
    "12345678-1234-5678-1234-5678123456789",
  ]) {
    assert.throws(() => convert(text), { name: "TypeError", message: /^f: argument 'id' must be UUID \(UUID string\), got string "/ });
  }
  assert.throws(() => convert(1), { message: "f: argument 'id' must be UUID (UUID string), got number 1" });
});

test("a UUID from Python arrives as its string", () => {
  const convert = pythonToJs(UUID, "f: return value");
  assert.equal(convert("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678");
  assert.throws(() => convert(1), { message: "f: return value must be UUID (UUID string), got int" });
});

test("unions tell Sets and Maps apart from other objects", () => {
  assert.equal(categoryOf(new Set(), ffi), "Set");
  assert.equal(categoryOf(new Map(), ffi), "Map");
  assert.equal(categoryOf({}, ffi), "plain object");
  assert.equal(categoryOf("12345678-1234-5678-1234-567812345678", ffi), "string");
});

test("a union picks its set or map member by the value's kind", () => {
  const spec = { kind: "union", members: [SET_OF_INT, MAP_INT_STR, UUID], categories: [["Set"], ["Map"], ["string"]], tagged: false };
  const convert = jsToPython(spec, "f: argument 'u'");
  assert.deepEqual(convert(new Set([1])), [1]);
  assert.deepEqual(convert(new Map([[1, "a"]])), [[1, "a"]]);
  assert.equal(convert("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678");
  assert.throws(() => convert([1]), {
    message: "f: argument 'u' must be set[int] | dict[int, str] | UUID " +
      "(Set of safe integer number | Map of safe integer number to string | UUID string), got Array",
  });
});

test("a JSObject member of a union still takes Sets and Maps", () => {
  const spec = {
    kind: "union", members: [INT, { kind: "jsobject" }], categories: [["number"], ["object", "plain object"]], tagged: false,
  };
  const convert = jsToPython(spec, "f: argument 'u'");
  const set = new Set();
  const map = new Map();
  assert.equal(convert(set), set);
  assert.equal(convert(map), map);
});
