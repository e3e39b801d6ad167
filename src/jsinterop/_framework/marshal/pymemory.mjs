// list[float] / list[int] (and tuple[float, ...] / tuple[int, ...]) from Python, read straight
// out of wasm memory: one pass in JS over the list's item pointers, with no per-item FFI call
// and no Python-side pass. Python calls a reader with id(value) (the object's address, alive
// for the whole synchronous call) and gets back a CheckedNumbers, or undefined when some item
// is not a plain float/int the fast path can read exactly: a bool, a subclass, an object with
// __float__, an int beyond the 53-bit range. Python then takes its general path, which
// reports the item the usual way, so errors are the same either way.
//
// The layout read here is CPython 3.14's on wasm32 (the Pyodide pinned in package.json):
//   PyObject       ob_refcnt u32 @0, ob_type u32 @4
//   PyFloatObject  ob_fval f64 @8
//   PyLongObject   lv_tag u32 @8 (bits 0-1 sign: 0 +, 1 zero, 2 -; ndigits = lv_tag >> 3),
//                  30-bit digits u32 @12
//   PyListObject   ob_size u32 @8, ob_item (u32 pointer to the item pointers) @12
//   PyTupleObject  ob_size u32 @8, ob_hash @12, items inline @16
// Python checks it once, at the first use, against probe values (jsinterop._bridge) and leaves
// the fast path off if anything differs, so another build degrades to the general path.

import { CheckedNumbers } from "./values.mjs";

const DIGIT = 2 ** 30;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export function numberListReader(module, floatType, intType) {
  // The views are read on every call: wasm memory growth replaces them.
  function itemPointers(u32, address, tuple) {
    const header = address >>> 2;
    const n = u32[header + 2];
    const start = tuple ? header + 4 : u32[header + 3] >>> 2;
    return [n, start];
  }

  // The int at `p` (a word index) as a number, or NaN when it needs more than 53 bits.
  function intAt(u32, p) {
    const tag = u32[p + 2];
    const digits = tag >>> 3;
    let v;
    if (digits <= 1) v = digits === 0 ? 0 : u32[p + 3];
    else if (digits === 2) v = u32[p + 3] + u32[p + 4] * DIGIT;
    else return NaN;
    if (v > MAX_SAFE) return NaN;
    return (tag & 3) === 2 ? -v : v;
  }

  return {
    floats(address, tuple) {
      const u32 = module.HEAPU32;
      const f64 = module.HEAPF64;
      const [n, start] = itemPointers(u32, address, tuple);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const pointer = u32[start + i];
        const type = u32[(pointer >>> 2) + 1];
        if (type === floatType && (pointer & 7) === 0) {
          out[i] = f64[(pointer + 8) >>> 3];
        } else if (type === intType) {
          const v = intAt(u32, pointer >>> 2);
          if (v !== v) return undefined;
          out[i] = v;
        } else {
          return undefined;
        }
      }
      return new CheckedNumbers("float", out);
    },
    ints(address, tuple) {
      const u32 = module.HEAPU32;
      const [n, start] = itemPointers(u32, address, tuple);
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const p = u32[start + i] >>> 2;
        if (u32[p + 1] !== intType) return undefined;
        const v = intAt(u32, p);
        if (v !== v) return undefined;
        out[i] = v;
      }
      return new CheckedNumbers("int", out);
    },
  };
}
