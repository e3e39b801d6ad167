// JS side of test_exceptions.py: identity and throwing functions, and callers of the exports
// that catch what Python throws and hand it back.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const rethrow = (error) => {
  throw error;
};
export const throwTypeError = () => {
  throw new TypeError("bad type");
};
export const throwRangeError = () => {
  throw new RangeError("out of range");
};
export const newError = (name, message) => {
  const error = new Error(message);
  error.name = name;
  return error;
};
export const notAnError = () => ({ message: "no" });
export const describe = (error) =>
  `${error instanceof Error} ${error.name} ${error.message} ${error.pythonType} ${String(error.stack).includes("Traceback") || String(error.stack).split("\n").length > 1}`;

const exportsModule = () => exportsOf("test_exceptions");

// Calls export `name` (which raises); catches the Error, checks it, and returns it.
export async function catchFrom(name, ...args) {
  try {
    exportsModule()[name](...args);
  } catch (error) {
    return error;
  }
  throw new Error(`${name} did not throw`);
}

// Calls export `name` (which raises) and lets its Error propagate back through this import.
export async function callThrough(name) {
  exportsModule()[name]();
}

// Calls export `name` with an Error made here; answers whether the same Error came back.
export async function sameErrorBack(name, errorName = "RangeError", message = "made in JS") {
  const error = new (globalThis[errorName] ?? Error)(message);
  const back = exportsModule()[name](error);
  return back === error;
}

export async function describeFromExport(name) {
  try {
    await exportsModule()[name]();
  } catch (error) {
    return `${error.name}|${error.message}|${error.pythonType}|${error.stack.includes("in export_raises")}`;
  }
  return "no error";
}

export async function callWith(name, make) {
  try {
    exportsModule()[name](make());
    return "ok";
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

// Awaits async export `name` (which raises); returns the Error its Promise rejected with.
export async function catchFromAsync(name) {
  try {
    await exportsModule()[name]();
  } catch (error) {
    return error;
  }
  throw new Error(`${name} did not reject`);
}
