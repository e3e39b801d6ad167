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

export function packer(PyProxy) {
  return (...values) => {
    for (const value of values) if (value instanceof PyProxy) return undefined;
    return new Packed(values);
  };
}
