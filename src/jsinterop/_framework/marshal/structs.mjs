// @dataclass, TypedDict and NamedTuple <-> plain object with those fields. Each field goes
// through its own converter; errors name the field (`argument 'p'.x must be int, ...`), a
// missing required field (`argument 'p' is missing field 'y'`) or an unexpected one.
//
// From Python: for a dataclass or NamedTuple, the field values in field order, packed by one
// call (values.mjs: no key crosses, ~3x cheaper than converting a dict); for a TypedDict, or
// when a value is a Python object the pack cannot keep (always a wrong value: it is reported
// from the Map path), a Map of the fields. To Python: a Map of the checked fields, from which
// Python builds the instance. A required field typed `T | None` may be left out (or undefined) by
// JS and reads as None; a field with a default may be left out and takes the default.

import { fromPy as fieldFromPy, toPy as fieldToPy } from "./registry.mjs";
import { Packed } from "./values.mjs";

export function typeName(spec) {
  return spec.name;
}

export function jsTypeName(spec) {
  return `plain object with ${spec.fields.map((field) => field.name).join(", ") || "no fields"}`;
}

function isPlainObject(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function setOwn(out, key, value) {
  // `out.__proto__ = x` would set the prototype; the key must become an own property.
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function pythonRepr(key) {
  return typeof key === "string" && !key.includes("'") ? `'${key}'` : JSON.stringify(String(key));
}

function compileFields(spec, ctx, convert) {
  return spec.fields.map((field) => ({
    name: field.name,
    required: field.required,
    optional: field.type.kind === "optional",
    convert: convert(field.type, ctx.item(field.type)),
  }));
}

// A record Python produced (Packed or a Map of fields), on its way to JS as a plain object.
export function fromPy(spec, ctx) {
  const fields = compileFields(spec, ctx, fieldFromPy);
  const names = new Set(fields.map((field) => field.name));
  const n = fields.length;
  return (v) => {
    if (v instanceof Packed && v.values.length === n) {
      const values = v.values;
      const out = {};
      let i = 0;
      try {
        for (; i < n; i++) setOwn(out, fields[i].name, fields[i].convert(values[i]));
      } catch (error) {
        ctx.rethrowAt(error, `.${fields[i].name}`);
      }
      return out;
    }
    if (!(v instanceof Map)) return ctx.fail("type", v);
    for (const key of v.keys()) {
      if (!names.has(key)) return ctx.fail("type", v, undefined, undefined, "", `has unexpected field ${pythonRepr(key)}`);
    }
    const out = {};
    for (const field of fields) {
      if (!v.has(field.name)) {
        if (field.required) return ctx.fail("type", v, undefined, undefined, "", `is missing field '${field.name}'`);
        continue;
      }
      let converted;
      try {
        converted = field.convert(v.get(field.name));
      } catch (error) {
        ctx.rethrowAt(error, `.${field.name}`);
      }
      setOwn(out, field.name, converted);
    }
    return out;
  };
}

// A plain object from JS, on its way to Python as a Map of checked fields.
export function toPy(spec, ctx) {
  const fields = compileFields(spec, ctx, fieldToPy);
  const names = new Set(fields.map((field) => field.name));
  return (v) => {
    if (!isPlainObject(v)) return ctx.fail("type", v);
    for (const key of Object.keys(v)) {
      if (!names.has(key)) return ctx.fail("type", v, undefined, undefined, "", `has unexpected field ${pythonRepr(key)}`);
    }
    const out = new Map();
    for (const field of fields) {
      const value = Object.hasOwn(v, field.name) ? v[field.name] : undefined;
      if (value === undefined) {
        if (field.required && field.optional) out.set(field.name, undefined);
        else if (field.required) return ctx.fail("type", v, undefined, undefined, "", `is missing field '${field.name}'`);
        continue;
      }
      try {
        out.set(field.name, field.convert(value));
      } catch (error) {
        ctx.rethrowAt(error, `.${field.name}`);
      }
    }
    return out;
  };
}
