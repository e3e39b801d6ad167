// X | Y unions of members JS can tell apart: the member is picked by the value's JS type
// (`categoryOf`), whose categories Python computed when it checked the union at decoration
// time. A tagged union crosses as `[index, value]` (some member converts in Python, so
// Python says which member it picked and is told which one JS picked); a plain one as it is.

import { isCheckFailure } from "./context.mjs";
import { fromPy as memberFromPy, toPy as memberToPy, jsTypeName as memberJsTypeName, typeName as memberTypeName } from "./registry.mjs";

export function typeName(spec) {
  return spec.members.map(memberTypeName).join(" | ");
}

export function jsTypeName(spec) {
  return spec.members.map(memberJsTypeName).join(" | ");
}

function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// The kind of a JS value, in the names Python's union check uses.
export function categoryOf(v, ffi) {
  const type = typeof v;
  if (type === "object") {
    if (v === null) return "null";
    if (v instanceof ffi.PyProxy) return "Python object";
    if (Array.isArray(v)) return "Array";
    if (v instanceof Date) return "Date";
    if (v instanceof Error) return "Error";
    if (v instanceof Set) return "Set";
    if (v instanceof Map) return "Map";
    if (v instanceof ArrayBuffer) return "ArrayBuffer";
    if (ArrayBuffer.isView(v)) return v instanceof DataView ? "DataView" : Object.prototype.toString.call(v).slice(8, -1);
    return isPlainObject(v) ? "plain object" : "object";
  }
  if (type === "function") return v instanceof ffi.PyProxy ? "Python object" : "function";
  return type;
}

// Sets and Maps are objects too: a member taking any object (JSObject) takes them unless
// another member takes them by name.
const KINDS_OF_OBJECT = ["Set", "Map"];

function byCategory(categories) {
  const members = new Map();
  categories.forEach((names, index) => {
    for (const name of names) members.set(name, index);
  });
  if (members.has("object")) {
    for (const name of KINDS_OF_OBJECT) if (!members.has(name)) members.set(name, members.get("object"));
  }
  return members;
}

// A failing member reports its own error (an item inside it, a range), except a plain
// member refusing the value's type: then the union lists its members.
const PLAIN = new Set(["bool", "int", "float", "str"]);

function runMember(spec, ctx) {
  const plain = spec.members.map((member) => PLAIN.has(member.kind));
  return (index, convert, value) => {
    try {
      return convert(value);
    } catch (error) {
      if (plain[index] && isCheckFailure(error) && error.kind === "type" && error.path === "" && error.sentence === undefined) {
        return ctx.fail("type", value);
      }
      return ctx.rethrowAt(error, "");
    }
  };
}

// A value Python produced, on its way to JS.
export function fromPy(spec, ctx) {
  const ffi = ctx.ffi;
  const members = spec.members.map((member) => memberFromPy(member, ctx.item(member)));
  const run = runMember(spec, ctx);
  if (spec.tagged) {
    return (v) => (Array.isArray(v) ? run(v[0], members[v[0]], v[1]) : ctx.fail("type", v));
  }
  // Plain members: Python sends an int beyond the safe range as a bigint; its member says so.
  const categories = spec.categories.map((names, index) =>
    ["int", "float"].includes(spec.members[index].kind) ? [...names, "bigint"] : names);
  const pick = byCategory(categories);
  return (v) => {
    const index = pick.get(categoryOf(v, ffi));
    return index === undefined ? ctx.fail("type", v) : run(index, members[index], v);
  };
}

// A JS value, on its way to Python.
export function toPy(spec, ctx) {
  const ffi = ctx.ffi;
  const members = spec.members.map((member) => memberToPy(member, ctx.item(member)));
  const run = runMember(spec, ctx);
  const pick = byCategory(spec.categories);
  if (spec.tagged) {
    return (v) => {
      const index = pick.get(categoryOf(v, ffi));
      return index === undefined ? ctx.fail("type", v) : [index, run(index, members[index], v)];
    };
  }
  return (v) => {
    const index = pick.get(categoryOf(v, ffi));
    return index === undefined ? ctx.fail("type", v) : run(index, members[index], v);
  };
}
