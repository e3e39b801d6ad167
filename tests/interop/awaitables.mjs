// JS side of test_awaitables.py.

import { exportsTree } from "./exported.mjs";

export const later = (value, ms = 1) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
export const failLater = async () => {
  throw new RangeError("later, no");
};
// Awaits the Promise Python handed over and returns what it resolved to, plus 1.
export async function awaitPlusOne(promise) {
  if (!(promise instanceof Promise)) throw new TypeError("expected a real Promise");
  return (await promise) + 1;
}
export async function awaitList(promise) {
  const value = await promise;
  return Array.isArray(value) ? value.length : -1;
}
export async function awaitError(promise) {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return `${error.name}`;
  }
}

function exportsRoot() {
  return exportsTree;
}

// Calls the export with a Promise and awaits the Promise it returns.
export async function callWithPromise(value) {
  const root = exportsRoot();
  const module = root.jsinterop_tests.test_awaitables;
  const doubled = await module.double_later(Promise.resolve(value));
  return doubled;
}
export async function callWithBadPromise() {
  const root = exportsRoot();
  try {
    await root.jsinterop_tests.test_awaitables.double_later(Promise.resolve("text"));
    return "resolved";
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
export async function callWithNotAPromise() {
  const root = exportsRoot();
  try {
    root.jsinterop_tests.test_awaitables.double_later(5);
    return "returned";
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
export const passThrough = (promise) => promise;
