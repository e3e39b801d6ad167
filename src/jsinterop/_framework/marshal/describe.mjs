// How values read in error messages. Values that came from Python are named by their
// Python type (the Python caller wrote them); values that came from JS by their JS type.

const MAX_TEXT = 40;

function shortText(text) {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
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
      if (value instanceof ffi.PyProxy) return value.type;
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
      if (value instanceof ffi.PyProxy) return `Python ${value.type}`;
      return "function";
    default:
      if (value === null) return "null";
      if (value instanceof ffi.PyProxy) return `Python ${value.type}`;
      if (Array.isArray(value)) return "Array";
      if (typeof value.then === "function") return "Promise";
      return value.constructor?.name ? `object (${value.constructor.name})` : "object";
  }
}

export function isThenable(value) {
  return value !== null && (typeof value === "object" || typeof value === "function") &&
    typeof value.then === "function";
}
