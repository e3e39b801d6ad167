// The wire format between the page and a worker running Python (worker_page.mjs,
// worker_main.mjs): one JS value as { text, chunks }, where `text` is JSON and `chunks` are the
// bytes of the typed arrays and ArrayBuffers in it, uncopied into the JSON. The same form
// travels in the shared buffer of a synchronous call (channel.mjs) and in a postMessage.
//
// By value: undefined, null, booleans, numbers (NaN, ±Infinity and -0 too), BigInts, strings,
// Dates, typed arrays, DataViews, ArrayBuffers, Arrays, plain objects, Maps, Sets, and Errors
// (name, message, stack). By reference: everything else (functions, class instances, DOM
// nodes, Python objects' handles, Promises). The side that owns a referenced value keeps it in
// its `References` under an id; the other side gets a stand-in: a function that calls it
// across, a `RemoteObject` (a live one, `remoteObject`, where the other side serves object
// operations: the worker's stand-ins of page objects), or a Promise settled when the original
// settles. A stand-in sent back arrives as the original itself; an Error sent back arrives as
// the original Error. The same value sent twice arrives as the same stand-in.
// When the receiving side drops a stand-in, it says so (`onRelease`) and the owner forgets it.
//
// Encoding never fails because of the value's own code (a Proxy whose traps throw, a revoked
// Proxy, a getter that throws): a value that cannot be read crosses by reference, as an
// opaque stand-in, and a thrown one is sent as a carrier of what it reads as (errors.mjs),
// which comes back as the original value. Only the wire's own refusals (a Symbol, a value
// that contains itself) throw.

import { ARGUMENTS_BY_REFERENCE, RESULT_BY_REFERENCE } from "./byreference.mjs";
import { carrierOf, originalOf } from "./errors.mjs";

// A value the other side holds: opaque here; sent back, it is the original there (the wire
// knows its id: `#idsOfStandIns`).
export class RemoteObject {
  constructor(typeName) {
    this.typeName = typeName;
    Object.freeze(this);
  }

  get [Symbol.toStringTag]() {
    return `remote ${this.typeName}`;
  }
}

// A value to send with its plain objects by reference (as stand-ins), its Arrays and other
// data still copied: what a JSObject means, where the sender cannot know the receiver's type.
export class PlainObjectsByReference {
  #value;

  constructor(value) {
    this.#value = value;
  }

  // Checked without running code of `value` (`instanceof` would run a Proxy's trap).
  static isWrapper(value) {
    return typeof value === "object" && value !== null && #value in value;
  }

  static unwrap(wrapper) {
    return wrapper.#value;
  }
}

// The id under which a side serves operations on its objects (`operateOnObject`), never a
// reference's (References count from 1).
export const OPERATIONS_ID = 0;

// One operation on an object this side owns, for the other side's live stand-in of it (the
// key a string: Symbols do not cross). What it reads or returns goes back with plain objects
// by reference, so that `element.dataset.x = 1` writes the page's object, as on the main
// thread.
function operateOnObject(operation, target, ...rest) {
  switch (operation) {
    case "get": return new PlainObjectsByReference(Reflect.get(target, rest[0]));
    case "set": return Reflect.set(target, rest[0], rest[1]);
    case "has": return Reflect.has(target, rest[0]);
    case "delete": return Reflect.deleteProperty(target, rest[0]);
    case "keys": return Reflect.ownKeys(target).filter((key) => typeof key === "string");
    case "describe": {
      const descriptor = Reflect.getOwnPropertyDescriptor(target, rest[0]);
      if (descriptor === undefined) return undefined;
      return new PlainObjectsByReference({ enumerable: descriptor.enumerable, value: "value" in descriptor ? descriptor.value : undefined });
    }
    case "apply": return new PlainObjectsByReference(Reflect.apply(target, rest[0], rest[1]));
    case "construct": return new PlainObjectsByReference(Reflect.construct(target, rest[0]));
    default: throw new TypeError(`jsinterop: unknown object operation ${JSON.stringify(operation)}`);
  }
}

// Keys a live stand-in answers itself, never asking the other side: Symbols (cannot cross;
// engine probes such as Symbol.toPrimitive, Symbol.iterator and inspection's read the stand-in's
// own, RemoteObject's) and `then` (a thenable of the other side crosses as a Promise, so a
// stand-in is never one: Promise resolution probing it must not call across).
const isLocalKey = (key) => typeof key === "symbol" || key === "then";

// The live stand-in of the other side's object `id`: a Proxy whose traps are each one
// synchronous operation on the original (`operate`, operateOnObject there); its prototype is
// local (RemoteObject's), so `instanceof` and the marshallers' type checks never call across.
function remoteObject(id, typeName, operate) {
  const target = Object.create(RemoteObject.prototype, {
    typeName: { value: typeName, configurable: true },
  });
  const standIn = new Proxy(target, {
    get: (_, key) => (isLocalKey(key) ? Reflect.get(target, key) : operate("get", standIn, key)),
    set: (_, key, value) => (isLocalKey(key) ? Reflect.set(target, key, value) : operate("set", standIn, key, value)),
    has: (_, key) => (isLocalKey(key) ? Reflect.has(target, key) : operate("has", standIn, key)),
    deleteProperty: (_, key) => (isLocalKey(key) ? Reflect.deleteProperty(target, key) : operate("delete", standIn, key)),
    ownKeys: () => operate("keys", standIn),
    getOwnPropertyDescriptor: (_, key) => {
      if (isLocalKey(key)) return Reflect.getOwnPropertyDescriptor(target, key);
      const described = operate("describe", standIn, key);
      // Reported configurable: a Proxy may not claim a non-configurable property its target lacks.
      return described && { value: described.value, writable: true, enumerable: described.enumerable, configurable: true };
    },
    defineProperty: (_, key, descriptor) => {
      if (isLocalKey(key)) return Reflect.defineProperty(target, key, descriptor);
      return "value" in descriptor && operate("set", standIn, key, descriptor.value);
    },
    setPrototypeOf: () => false,
    preventExtensions: () => false,
  });
  return standIn;
}

// The values this side owns that the other side holds by id, each with how many times it was
// sent (a release names how many arrivals it covers, so a value sent again meanwhile stays).
class References {
  #entries = new Map(); // id -> { value, sent }
  #ids = new Map(); // value -> id
  #next = 1;

  add(value) {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#next++;
      this.#ids.set(value, id);
      this.#entries.set(id, { value, sent: 0 });
    }
    this.#entries.get(id).sent += 1;
    return id;
  }

  get(id) {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`jsinterop: the value #${id} was released by the other side`);
    return entry.value;
  }

  release(id, arrivals) {
    const entry = this.#entries.get(id);
    if (!entry) return;
    entry.sent -= arrivals;
    if (entry.sent > 0) return;
    this.#entries.delete(id);
    this.#ids.delete(entry.value);
  }

  get size() {
    return this.#entries.size;
  }
}

const TYPED_ARRAYS = Object.fromEntries([
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
].map((type) => [type.name, type]));

const ERROR_TYPES = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

// The wire's own refusals, told from errors the value's code throws while it is read.
const refusals = new WeakSet();

function refuse(message, ErrorType = TypeError) {
  const error = new ErrorType(message);
  refusals.add(error);
  return error;
}

// The most items one value may carry (its Arrays', plain objects', Maps' and Sets' together,
// a repeated container each time): counted from the lengths they claim before they are
// copied, so that a sparse `new Array(2 ** 32 - 1)`, a Proxy claiming a huge length or one
// large Array repeated in a list is refused at once instead of copied for minutes. The same
// number as the limit of a value crossing into Python (marshal/context.mjs, MAX_ITEMS).
const MAX_ITEMS = 2 ** 22;

function spend(budget, count) {
  if (!(count <= budget.left)) {
    throw refuse(`jsinterop: a value of more than ${MAX_ITEMS} items cannot cross between the page and the worker`, RangeError);
  }
  budget.left -= count;
}

// An own property `key` of `object`, "__proto__" too (an assignment would set the prototype).
function setField(object, key, value) {
  if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function isPlainObject(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// One side of the wire. `callRemote(id, args)`: calls the other side's function `id` (a
// stand-in function is `(...args) => callRemote(id, args)`); `onRelease(id, arrivals)`: tells
// the other side a stand-in was dropped; `onPromise(id, promise)`: called when a Promise of
// this side is sent, to settle the other side's stand-in later (`settle`).
export class Wire {
  #owned = new References();
  #standIns = new Map(); // id -> { ref: WeakRef of the stand-in, arrivals }
  #idsOfStandIns = new WeakMap(); // stand-in -> id
  #pending = new Map(); // id -> { resolve, reject } of Promise stand-ins
  #registry = new FinalizationRegistry((id) => this.#dropped(id));
  #callRemote;
  #onRelease;
  #onPromise;
  #operateRemote;

  // `live`: the other side serves operations on its objects (owned(OPERATIONS_ID)), so its
  // objects' stand-ins here are live (`remoteObject`), not opaque.
  constructor({ callRemote, onRelease, onPromise, live = false }) {
    this.#callRemote = callRemote;
    this.#onRelease = onRelease;
    this.#onPromise = onPromise;
    this.#operateRemote = live ? (...args) => callRemote(OPERATIONS_ID, args) : undefined;
  }

  // -- sending ------------------------------------------------------------------------------

  // A value thrown on this side, to send to the other: an object as a carrier of its text
  // (errors.mjs), every read of it guarded, which arrives back as the value thrown; a
  // stand-in (the other side's Error thrown on here) and a primitive as they are.
  thrown(value) {
    if ((typeof value !== "object" && typeof value !== "function") || value === null) return value;
    return this.#idsOfStandIns.has(value) ? value : carrierOf(value, () => false);
  }

  encode(value) {
    const chunks = [];
    const text = JSON.stringify(this.#toWire(value, chunks, new Set(), { left: MAX_ITEMS, byReference: false }));
    return { text, chunks };
  }

  #toWire(value, chunks, seen, budget) {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return Number.isFinite(value) && !Object.is(value, -0) ? value : { t: "n", v: Object.is(value, -0) ? "-0" : String(value) };
      case "bigint":
        return { t: "i", v: value.toString() };
      case "undefined":
        return { t: "u" };
      case "symbol":
        throw refuse(`jsinterop: a Symbol (${String(value)}) cannot cross between the page and the worker`);
      default:
        break;
    }
    if (value === null) return null;
    if (seen.has(value)) throw refuse("jsinterop: a value that contains itself cannot cross between the page and the worker");
    seen.add(value);
    try {
      return this.#objectToWire(value, chunks, seen, budget);
    } catch (error) {
      if (refusals.has(error)) throw error;
      // Its own code threw while it was read: an opaque stand-in there, never a live one, so
      // that no further operation runs that code.
      return this.#reference(value, "opaque", "");
    } finally {
      seen.delete(value);
    }
  }

  #objectToWire(value, chunks, seen, budget) {
    // Looked up, not read from the value: reading runs a Proxy's traps.
    const id = this.#idsOfStandIns.get(value);
    if (id !== undefined) return { t: "r", id };
    if (PlainObjectsByReference.isWrapper(value)) return this.#byReference(PlainObjectsByReference.unwrap(value), chunks, seen, budget);
    if (typeof value === "function") {
      return { ...this.#reference(value, "function", value.name), byReference: argumentsByReference(value) };
    }
    return this.#containerToWire(value, chunks, seen, budget);
  }

  #byReference(value, chunks, seen, budget) {
    const before = budget.byReference;
    budget.byReference = true;
    try {
      return this.#toWire(value, chunks, seen, budget);
    } finally {
      budget.byReference = before;
    }
  }

  #containerToWire(value, chunks, seen, budget) {
    if (Array.isArray(value)) {
      spend(budget, value.length);
      return { t: "a", v: value.map((item) => this.#toWire(item, chunks, seen, budget)) };
    }
    if (ArrayBuffer.isView(value)) {
      chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice());
      const kind = value.constructor.name in TYPED_ARRAYS ? value.constructor.name : "Uint8Array";
      return { t: "b", k: kind, c: chunks.length - 1 };
    }
    if (value instanceof ArrayBuffer) {
      chunks.push(new Uint8Array(value).slice());
      return { t: "b", k: "ArrayBuffer", c: chunks.length - 1 };
    }
    if (value instanceof Date) return { t: "d", v: this.#toWire(value.getTime(), chunks, seen, budget) }; // NaN: an Invalid Date
    if (value instanceof Map) {
      spend(budget, value.size);
      return { t: "m", v: [...value].map(([key, item]) => [this.#toWire(key, chunks, seen, budget), this.#toWire(item, chunks, seen, budget)]) };
    }
    if (value instanceof Set) {
      spend(budget, value.size);
      return { t: "s", v: [...value].map((item) => this.#toWire(item, chunks, seen, budget)) };
    }
    if (value instanceof Error) {
      return {
        t: "e", id: this.#owned.add(value),
        name: String(value.name), message: String(value.message), stack: String(value.stack ?? ""),
        kind: errorKindOf(originalOf(value)), ...pythonDetailsOf(originalOf(value)),
      };
    }
    if (typeof value.then === "function") {
      const reference = this.#reference(value, "promise", "Promise");
      this.#onPromise(reference.id, value);
      return reference;
    }
    if (isPlainObject(value)) {
      if (budget.byReference) return this.#reference(value, "object", "Object");
      const entries = Object.entries(value);
      spend(budget, entries.length);
      const fields = {};
      for (const [key, item] of entries) setField(fields, key, this.#toWire(item, chunks, seen, budget));
      return { t: "o", v: fields };
    }
    return this.#reference(value, "object", value.constructor?.name ?? "Object");
  }

  #reference(value, kind, name) {
    return { t: "h", id: this.#owned.add(value), k: kind, name: typeof name === "string" ? name : "" };
  }

  // The value this side owns under `id` (the other side calls it, or releases it).
  owned(id) {
    return id === OPERATIONS_ID ? operateOnObject : this.#owned.get(id);
  }

  release(id, arrivals) {
    this.#owned.release(id, arrivals);
  }

  get ownedCount() {
    return this.#owned.size;
  }

  // -- receiving ----------------------------------------------------------------------------

  decode({ text, chunks }) {
    return this.#fromWire(JSON.parse(text), chunks);
  }

  #fromWire(value, chunks) {
    if (value === null || typeof value !== "object") return value;
    switch (value.t) {
      case "n": return value.v === "-0" ? -0 : Number(value.v);
      case "i": return BigInt(value.v);
      case "u": return undefined;
      case "a": return value.v.map((item) => this.#fromWire(item, chunks));
      case "o": {
        const fields = {};
        for (const [key, item] of Object.entries(value.v)) setField(fields, key, this.#fromWire(item, chunks));
        return fields;
      }
      case "b": return bytesOf(value.k, chunks[value.c]);
      case "d": return new Date(this.#fromWire(value.v, chunks));
      case "m": return new Map(value.v.map(([key, item]) => [this.#fromWire(key, chunks), this.#fromWire(item, chunks)]));
      case "s": return new Set(value.v.map((item) => this.#fromWire(item, chunks)));
      case "e": return this.#standIn(value.id, () => remoteError(value));
      case "h": return this.#standIn(value.id, () => this.#makeStandIn(value));
      case "r": return originalOf(this.#owned.get(value.id)); // a carrier: what was thrown
      default: throw new Error(`jsinterop: unknown wire tag ${JSON.stringify(value.t)}`);
    }
  }

  #makeStandIn({ id, k: kind, name, byReference }) {
    const operate = this.#operateRemote;
    if (kind === "function") {
      const callRemote = byReference ? withArgumentsByReference(this.#callRemote, byReference) : this.#callRemote;
      const label = name || "remote";
      const isStandIn = (value) => this.#idsOfStandIns.has(value);
      // Named after the original, for stack traces and error messages. Called as a method of
      // a live stand-in (`element.focus()`), it runs with `this` the original; with `new`, it
      // constructs on the other side.
      const standIn = { [label]: function (...args) {
        if (operate && new.target !== undefined) return operate("construct", standIn, args);
        if (operate && isStandIn(this)) return operate("apply", standIn, this, args);
        return callRemote(id, args);
      } }[label];
      if (operate) standIn[RESULT_BY_REFERENCE] = (...args) => operate("apply", standIn, undefined, args);
      return standIn;
    }
    if (kind === "promise") {
      return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
    }
    return operate && kind === "object" ? remoteObject(id, name, operate) : new RemoteObject(name);
  }

  // The one stand-in for the other side's value `id` while this side holds it.
  #standIn(id, make) {
    const known = this.#standIns.get(id);
    const alive = known?.ref.deref();
    if (alive !== undefined) {
      known.arrivals += 1;
      return alive;
    }
    const standIn = make();
    this.#idsOfStandIns.set(standIn, id);
    this.#standIns.set(id, { ref: new WeakRef(standIn), arrivals: 1 });
    this.#registry.register(standIn, id);
    return standIn;
  }

  #dropped(id) {
    const known = this.#standIns.get(id);
    if (!known || known.ref.deref() !== undefined) return;
    this.#standIns.delete(id);
    this.#onRelease(id, known.arrivals);
  }

  // The other side's Promise `id` settled: its stand-in here settles the same way.
  settle(id, fulfilled, value) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    if (fulfilled) pending.resolve(value);
    else pending.reject(value);
  }
}

// The indices of the arguments of an export (exports.mjs) that hold JSObjects, or undefined
// (read guarded: a function that is a Proxy may throw from its trap).
function argumentsByReference(fn) {
  try {
    const indices = Object.getOwnPropertyDescriptor(fn, ARGUMENTS_BY_REFERENCE)?.value;
    return Array.isArray(indices) ? indices : undefined;
  } catch {
    return undefined;
  }
}

// `callRemote` sending the arguments at `indices` with their plain objects by reference.
function withArgumentsByReference(callRemote, indices) {
  return (id, args) => {
    const sent = [...args];
    for (const index of indices) {
      if (index < sent.length) sent[index] = new PlainObjectsByReference(sent[index]);
    }
    return callRemote(id, sent);
  };
}

function bytesOf(kind, bytes) {
  if (kind === "ArrayBuffer") return bytes.buffer;
  const type = TYPED_ARRAYS[kind];
  if (type === DataView) return new DataView(bytes.buffer);
  return new type(bytes.buffer, 0, bytes.byteLength / type.BYTES_PER_ELEMENT);
}

// Which of JS's own Error subclasses `error` is (a RecursionError mirrored in JS is a
// RangeError named RecursionError), so that it is one on the other side too; undefined for
// any other (then its name decides). Guarded: a Proxy's getPrototypeOf trap may throw.
function errorKindOf(error) {
  try {
    for (const [kind, Type] of Object.entries(ERROR_TYPES)) {
      if (Type !== Error && error instanceof Type) return kind;
    }
  } catch {
    // a Proxy's trap threw: its name decides
  }
  return undefined;
}

const PYTHON_DETAILS = ["pythonType", "pythonTraceback"];

// The Python exception an Error mirrors (errors.mjs's errorMirroringPython): its type and
// traceback, read as own data properties only (no getter or Proxy trap runs), or nothing.
function pythonDetailsOf(error) {
  const details = {};
  for (const key of PYTHON_DETAILS) {
    try {
      const value = Object.getOwnPropertyDescriptor(error, key)?.value;
      if (typeof value === "string") details[key] = value;
    } catch {
      // a Proxy's trap threw: it mirrors nothing
    }
  }
  return details;
}

// An Error of the other side, as the same kind of Error here (its name, message and stack,
// and what Python exception it mirrors, if it does: not enumerable, as errors.mjs makes them).
function remoteError({ name, message, stack, kind, ...mirrored }) {
  const error = new (ERROR_TYPES[kind] ?? ERROR_TYPES[name] ?? Error)(message);
  if (error.name !== name) error.name = name;
  error.stack = stack;
  for (const key of PYTHON_DETAILS) {
    if (typeof mirrored[key] === "string") {
      Object.defineProperty(error, key, { value: mirrored[key], writable: true, configurable: true });
    }
  }
  return error;
}
