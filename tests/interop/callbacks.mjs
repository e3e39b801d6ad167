// JS side of test_callbacks.py: functions that call, keep, compare and return callbacks.

import { exportsOf } from "./exported.mjs";

export const callWith = (fn, ...args) => fn(...args);
export const identity = (value) => value;
export const same = (a, b) => a === b;
export const makeAdder = (n) => (x) => x + n;
export const makeAsyncAdder = (n) => async (x) => x + n;
export const makeBadAdder = () => (x) => `${x}`;
export const callEach = (fns, x) => fns.map((fn) => fn(x));
export const callAsync = async (fn, x) => await fn(x);
export const callWithObjects = (fn) => fn([{ a: 1 }, { a: 2 }]);
export const throwing = () => () => {
  throw new RangeError("from JS");
};
export const catching = (fn, ...args) => {
  try {
    fn(...args);
    return "no error";
  } catch (error) {
    return `${error.name}: ${error.message} | ${error.pythonType ?? "-"} | ${error instanceof TypeError}`;
  }
};
export const catchingAsync = async (fn, ...args) => {
  try {
    await fn(...args);
    return "no error";
  } catch (error) {
    return `${error.name}: ${error.message} | ${error.pythonType ?? "-"}`;
  }
};
export const describe = (value) => (value === null ? "null" : `${typeof value} ${Object.prototype.toString.call(value)}`);
export const newTarget = () => new EventTarget();
export const dispatch = (target, type) => target.dispatchEvent(new Event(type));

let kept = null;
export const keep = (fn) => {
  kept = fn;
};
export const callKept = (x) => kept(x);
export const dropKept = () => {
  kept = null;
};

const exportsModule = () => exportsOf("test_callbacks");

// Calls export `name` with `args` (JS values built here) and reports what happened.
export async function callExport(name, ...args) {
  const fn = exportsModule()[name];
  try {
    const value = await fn(...args);
    return typeof value === "function" ? "function" : JSON.stringify(value ?? null);
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

export async function exportReturnsFunction(name, ...args) {
  return exportsModule()[name](...args);
}

export async function jsFunctionRoundTrips() {
  const fn = (x) => x * 2;
  return exportsModule().echo_function(fn) === fn;
}

// Calls export `name`(n) and then the function it returns with `x`, reporting errors.
export async function callReturned(name, n, x) {
  try {
    return JSON.stringify(exportsModule()[name](n)(x));
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

export const forEachSum = (items, fn) => {
  let total = 0;
  items.forEach((item, index, array) => {
    total += fn(item, index, array); // a Callable[[int], int] ignores the extra arguments
  });
  return total;
};

export async function callAsyncExport(x) {
  return exportsModule().apply_async(async (value) => value * 10, x);
}
