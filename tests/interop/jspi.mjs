// JS side of test_jspi.py: functions that return Promises, for plain `def` stubs.
export const doubledLater = (value) => new Promise((resolve) => setTimeout(() => resolve(value * 2), 5));
export const rejectsLater = () => new Promise((_, reject) => setTimeout(() => reject(new RangeError("rejected on purpose")), 5));
export const textLater = () => Promise.resolve("text");
// Calls `callback` at once, in the same call stack: Python inside it was entered synchronously.
export const callNow = (callback) => callback();
