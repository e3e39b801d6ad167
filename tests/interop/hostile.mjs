// JS side of test_hostile.py: values whose own code throws when they are read, thrown, returned
// and passed to the exports, and array-likes that claim more items than they hold.

const fail = (what) => () => {
  throw new Error(`${what} threw`);
};

// A Proxy whose every trap throws; `inner` is what its traps throw (itself hostile if asked).
function trapProxy(inner = undefined) {
  const trap = inner === undefined ? fail("a trap") : () => {
    throw inner();
  };
  const handler = {};
  for (const name of ["get", "has", "getPrototypeOf", "ownKeys", "getOwnPropertyDescriptor", "set", "apply", "construct"]) {
    handler[name] = trap;
  }
  return new Proxy({}, handler);
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

// The values, by name. Each runs code that throws when a converter or a describer reads it.
const makers = {
  trapProxy: () => trapProxy(),
  trapProxyThrowingTrapProxies: () => trapProxy(() => trapProxy()),
  revokedProxy,
  messageGetterError: () => {
    const error = new Error("never read");
    Object.defineProperty(error, "message", { get: fail("the message getter") });
    return error;
  },
  toPrimitiveThrows: () => ({ [Symbol.toPrimitive]: fail("Symbol.toPrimitive") }),
  toStringThrows: () => ({ toString: fail("toString"), valueOf: fail("valueOf") }),
  constructorGetterThrows: () => ({ get constructor() { throw new Error("the constructor getter threw"); } }),
  thenGetterThrows: () => ({ get then() { throw new Error("the then getter threw"); } }),
  // Plain objects whose fields throw when read: a struct's field, an Array's item.
  fieldGetterThrows: () => ({ get x() { throw new Error("the x getter threw"); } }),
  itemGetterThrows: () => Object.defineProperty([1, 2], 1, { get: fail("the item getter") }),
  lengthGetterThrows: () => new Proxy([1, 2], { get: (target, key) => (key === "length" ? fail("length")() : target[key]) }),
};

export const names = () => Object.keys(makers);

export function make(name) {
  return makers[name]();
}

let lastThrown;

export function throwIt(name) {
  lastThrown = makers[name]();
  throw lastThrown;
}

export const isLastThrown = (error) => error === lastThrown;

export const rethrow = (error) => {
  throw error;
};

export const echo = (value) => value;

export async function rejectWith(name) {
  throw makers[name]();
}

export function thenableRejectingWith(name) {
  return { then: (resolve, reject) => reject(makers[name]()) };
}

// An object with a method and a getter that throw `name`'s value (JSObject.call, obj["x"]).
export function objectThrowing(name) {
  return {
    method() {
      throw makers[name]();
    },
    get property() {
      throw makers[name]();
    },
  };
}

// A JS function (a Callable for Python) that throws `name`'s value.
export function functionThrowing(name) {
  return () => {
    throw makers[name]();
  };
}

// Array-likes that claim more items than they hold: nothing is allocated for them here.
export function sparse(length) {
  return new Array(length);
}

export function claimingLength(length) {
  return new Proxy([], { get: (target, key) => (key === "length" ? length : target[key]) });
}

// The same Array of `inner` items as each of `outer` items.
export function shared(outer, inner) {
  return new Array(outer).fill(new Array(inner).fill(7));
}

export function setClaimingSize(size) {
  const set = new Set();
  Object.defineProperty(set, "size", { value: size });
  return set;
}

async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_hostile;
}

// Calls export `exportName` with `name`'s value (or a huge sparse Array for "sparse");
// reports the JS error the caller gets.
export async function callExportWith(exportName, name) {
  const value = name === "sparse" ? new Array(2 ** 32 - 1) : makers[name]();
  try {
    // Awaited: in the worker host an export returns a Promise, which rejects instead.
    await (await exportsModule())[exportName](value);
    return "no error";
  } catch (error) {
    const kind = error instanceof RangeError ? "RangeError" : error instanceof TypeError ? "TypeError" : "Error";
    return `${kind}: ${error.message}`;
  }
}
