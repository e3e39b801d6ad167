// The shapes in which Python's bridge hands over values it prepared for JS, other than the
// values Pyodide converts by itself. Each is a class of its own so that a converter tells it
// from a value of the plain type (a str is not a JoinedStrings).

import { isPyProxy } from "./describe.mjs";

// A record from Python as the arguments of one call (structs.mjs: a dataclass's or a
// NamedTuple's field values; mappings.mjs: a dict's NUL-joined keys, then its values): no
// dict is converted, no key crosses for a dataclass. The packer declines (undefined) when a
// value is a PyProxy, a Python object with no JS form and so always a wrong value: the call's
// argument proxies die with the call, so Python sends that record as a Map, whose check
// names the value.
export class Packed {
  constructor(values) {
    this.values = values;
  }
}

export function packer(ffi) {
  return (...values) => {
    for (const value of values) if (isPyProxy(value, ffi)) return undefined;
    return new Packed(values);
  };
}

// list[str] from Python in one string: the items joined by NUL, sent when no item contains
// NUL (sequences.mjs). One string crosses (one UTF-8 decode) instead of one per item.
export class JoinedStrings {
  constructor(text) {
    this.text = text;
  }
}

// list[float] / list[int] items read straight from wasm memory (pymemory.mjs), already
// checked and converted: used as they are.
export class CheckedNumbers {
  constructor(kind, array) {
    this.kind = kind;
    this.array = array;
  }
}
