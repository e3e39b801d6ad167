// How values read in error messages. Values that came from Python are named by their
// Python type (the Python caller wrote them); values that came from JS by their JS type.
//
// Describing never throws: a JS value may be a Proxy whose traps throw (or one revoked), or
// have getters, a `constructor` or a `then` that throw; each read that may run such code is
// guarded, and a value that cannot be read is named by what is known of it. The same goes for
// the checks here that converters use (isThenable, isPyProxy).

const MAX_TEXT = 40;

function shortText(text) {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

// `value instanceof ffi.PyProxy`, false when asking throws (a Proxy's getPrototypeOf trap).
export function isPyProxy(value, ffi) {
  try {
    return value instanceof ffi.PyProxy;
  } catch {
    return false;
  }
}

// The `type` of a PyProxy (its Python type's name), read once.
function pythonTypeOf(proxy) {
  try {
    return String(proxy.type);
  } catch {
    return "object";
  }
}

export function describePython(value, ffi) {
  switch (typeof value) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "boolean":
      return "bool";
    case "undefined":
      return "None";
    case "bigint":
      return "int";
    default:
      if (isPyProxy(value, ffi)) return pythonTypeOf(value);
      return "JSObject";
  }
}

export function describeJs(value, ffi) {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return `string ${JSON.stringify(shortText(value))}`;
    case "number":
    case "boolean":
      return `${typeof value} ${value}`;
    case "bigint":
      return `bigint ${value}n`;
    case "symbol":
      return "symbol";
    case "function":
      if (isPyProxy(value, ffi)) return `Python ${pythonTypeOf(value)}`;
      return "function";
    default:
      return describeObject(value, ffi);
  }
}

function describeObject(value, ffi) {
  if (value === null) return "null";
  let isArray;
  try {
    isArray = Array.isArray(value);
  } catch {
    // Array.isArray throws for a revoked Proxy only (it runs no trap).
    return "revoked Proxy";
  }
  if (isPyProxy(value, ffi)) return `Python ${pythonTypeOf(value)}`;
  if (isArray) return "Array";
  if (isThenable(value)) return "Promise";
  let constructorName;
  try {
    const constructor = value.constructor;
    constructorName = typeof constructor === "function" ? constructor.name : undefined;
  } catch {
    constructorName = undefined;
  }
  return typeof constructorName === "string" && constructorName ? `object (${shortText(constructorName)})` : "object";
}

export function isThenable(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return typeof value.then === "function";
  } catch {
    return false;
  }
}
