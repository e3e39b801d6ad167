// list[T], tuple[T, ...] and tuple[A, B] <-> Array, copied. Every item goes through T's own
// converter; a failing item is reported with its index (`argument 'a'[3] must be int, ...`).
//
// From Python: an Array built by one to_js call; for floats and ints, the checked Array read
// from wasm memory (pymemory.mjs) or else the typed array that Python built from array.array
// (Float64Array, BigInt64Array); for strs, the items joined by NUL. To Python: an Array, or for
// floats a Float64Array and for ints an Int32Array when every item fits, which Python copies
// in one call, or for 64 strs and more one marshal-format buffer. JS callers may pass a typed
// array where the items are numbers. A JS value claiming more items than a value may hold
// (context.mjs: MAX_ITEMS; a sparse `new Array(2 ** 32 - 1)`, a Proxy with a huge length) is
// refused before anything is allocated for it.

import { fromPy as itemFromPy, toPy as itemToPy, jsTypeName as itemJsTypeName, typeName as itemTypeName } from "./registry.mjs";
import { CheckedNumbers, JoinedStrings } from "./values.mjs";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

// Counts its items with the rest of the value's (registry.mjs): ctx.countItems.
export const holdsItems = true;

export function typeName(spec) {
  if (spec.kind === "list") return `list[${itemTypeName(spec.item)}]`;
  if (spec.kind === "tuple") return `tuple[${itemTypeName(spec.item)}, ...]`;
  return `tuple[${spec.items.map(itemTypeName).join(", ")}]`;
}

export function jsTypeName(spec) {
  if (spec.kind === "fixed_tuple") return `Array of ${spec.items.length}`;
  return `Array of ${itemJsTypeName(spec.item)}`;
}

const same = (x) => x;

// list[str] from Python in one string: the items joined by NUL, sent when no item contains
// NUL. One string crosses (one UTF-8 decode) instead of one per item. It comes wrapped in
// JoinedStrings (made by the bridge's joinedStrings), so that a plain str is still refused.
// (The other way, joining in JS and splitting in Python measured slower than to_py.)
const SEPARATOR = "\u0000";

function isNumberArray(v) {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) &&
    !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

// Converts every item of the array-like `v` into `out`, reporting a failure at its index.
function convertInto(out, v, item, ctx) {
  const n = v.length;
  let i = 0;
  try {
    for (; i < n; i++) out[i] = item(v[i]);
  } catch (error) {
    ctx.rethrowAt(error, `[${i}]`);
  }
  return out;
}

// Items in Python's BigInt64Array, each a safe integer on its way out as a number.
function safeIntegers(v, ctx) {
  const n = v.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x > MAX_SAFE_BIG || x < -MAX_SAFE_BIG) {
      ctx.fail("range", x, `a safe integer within ±${MAX_SAFE}`, `${x}`, `[${i}]`);
    }
    out[i] = Number(x);
  }
  return out;
}

function fixedFromPy(spec, ctx, from, received) {
  const items = spec.items.map((itemSpec) => from(itemSpec, ctx.item(itemSpec)));
  const n = items.length;
  return (v) => {
    if (!Array.isArray(v)) return ctx.fail("type", v);
    if (v.length !== n) return ctx.fail("type", v, undefined, received(v));
    const out = new Array(n);
    let i = 0;
    try {
      for (; i < n; i++) out[i] = items[i](v[i]);
    } catch (error) {
      ctx.rethrowAt(error, `[${i}]`);
    }
    return out;
  };
}

// A sequence Python produced, on its way to JS: always an Array.
export function fromPy(spec, ctx) {
  if (spec.kind === "fixed_tuple") return fixedFromPy(spec, ctx, itemFromPy, (v) => `${v.length} items`);
  const item = itemFromPy(spec.item, ctx.item(spec.item));
  const kind = spec.item.kind;
  return (v) => {
    if (Array.isArray(v)) return convertInto(new Array(v.length), v, item, ctx);
    // Read from wasm memory by pymemory.mjs: already checked and converted.
    if (v instanceof CheckedNumbers && v.kind === kind) return v.array;
    // A loop, not Array.from: V8's Array.from over a typed array is ~2.5x slower.
    if (kind === "float" && v instanceof Float64Array) return convertInto(new Array(v.length), v, same, ctx);
    if (kind === "int" && v instanceof BigInt64Array) return safeIntegers(v, ctx);
    if (kind === "str" && v instanceof JoinedStrings) return v.text.split(SEPARATOR);
    return ctx.fail("type", v);
  };
}

// A JS value on its way to Python: an Array (a Float64Array for floats) of checked items.
export function toPy(spec, ctx) {
  if (spec.kind === "fixed_tuple") return fixedFromPy(spec, ctx, itemToPy, (v) => `Array of ${v.length}`);
  const item = itemToPy(spec.item, ctx.item(spec.item));
  const kind = spec.item.kind;
  if (kind === "float") {
    return (v) => {
      if (Array.isArray(v)) {
        // The float check inline (typeof): no call per item on the common path.
        const n = v.length;
        ctx.countItems(v, n);
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const x = v[i];
          // Some item is not a number: the checked converter names it.
          if (typeof x !== "number") return convertInto(new Array(n), v, item, ctx);
          out[i] = x;
        }
        return out;
      }
      if (isNumberArray(v)) {
        ctx.countItems(v, v.length);
        return Float64Array.from(v);
      }
      return ctx.fail("type", v);
    };
  }
  if (kind === "int") {
    // An Int32Array when every item fits in 32 bits (Python copies it as one memoryview,
    // ~2x faster than converting an Array item by item); else an Array.
    return (v) => {
      if (!Array.isArray(v) && !isNumberArray(v)) return ctx.fail("type", v);
      const n = v.length;
      ctx.countItems(v, n);
      const small = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const x = v[i];
        // Only a number that is a 32-bit integer equals itself truncated to 32 bits; any
        // other item (a larger int, or one to report) goes through the checked converter.
        if ((x | 0) !== x) return convertInto(new Array(n), v, item, ctx);
        small[i] = x;
      }
      return small;
    };
  }
  if (kind === "str") {
    return (v) => {
      if (!Array.isArray(v)) return ctx.fail("type", v);
      const n = v.length;
      ctx.countItems(v, n);
      return marshalStrings(v) ?? convertInto(new Array(n), v, item, ctx);
    };
  }
  return (v) => {
    if (!Array.isArray(v)) return ctx.fail("type", v);
    const n = v.length;
    ctx.countItems(v, n);
    return convertInto(new Array(n), v, item, ctx);
  };
}

// list[str] to Python as one buffer in CPython's marshal format (a list of short-ASCII or
// UTF-8 strings), which Python reads with marshal.loads: one copy and one C pass that makes
// the str objects, instead of one FFI conversion per string (~1.6x faster than to_py at 100k).
// Python tells it from the general path's Array by its type (a Uint8Array). Undefined when an
// item is not a string or not well-formed UTF-16 (a lone surrogate): the general path then
// checks and converts the items one by one.
const TYPE_LIST = 0x5b; // "["
const TYPE_SHORT_ASCII = 0x7a; // "z": 1-byte length, ASCII bytes
const TYPE_UNICODE = 0x75; // "u": 4-byte length, UTF-8 bytes
const encoder = new TextEncoder();

function writeU32(bytes, at, n) {
  bytes[at] = n & 255;
  bytes[at + 1] = (n >>> 8) & 255;
  bytes[at + 2] = (n >>> 16) & 255;
  bytes[at + 3] = n >>> 24;
}

// Below this many items the fixed cost (a buffer, a copy, marshal.loads) outweighs the
// per-item saving (measured break-even: ~50 items).
const MARSHAL_MIN = 64;

function marshalStrings(v) {
  const n = v.length;
  if (n < MARSHAL_MIN) return undefined;
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const s = v[i];
    if (typeof s !== "string") return undefined;
    chars += s.length;
  }
  // Exact for short ASCII items; grown when an item needs the UTF-8 form.
  let bytes = new Uint8Array(5 + 2 * n + chars);
  const room = (needed) => {
    if (needed <= bytes.length) return;
    const larger = new Uint8Array(Math.max(needed, bytes.length * 2));
    larger.set(bytes);
    bytes = larger;
  };
  bytes[0] = TYPE_LIST;
  writeU32(bytes, 1, n);
  let p = 5;
  for (let i = 0; i < n; i++) {
    const s = v[i];
    const length = s.length;
    if (length < 256) {
      room(p + 2 + length);
      let q = p + 2;
      let j = 0;
      for (; j < length; j++) {
        const c = s.charCodeAt(j);
        if (c > 127) break;
        bytes[q++] = c;
      }
      if (j === length) {
        bytes[p] = TYPE_SHORT_ASCII;
        bytes[p + 1] = length;
        p = q;
        continue;
      }
    }
    if (!s.isWellFormed()) return undefined;
    room(p + 5 + 3 * length);
    const { written } = encoder.encodeInto(s, bytes.subarray(p + 5));
    bytes[p] = TYPE_UNICODE;
    writeU32(bytes, p + 1, written);
    p += 5 + written;
  }
  return bytes.subarray(0, p);
}
