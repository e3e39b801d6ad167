// JS side of test_primitives.py.
export const identity = (value) => value;
export const typeOf = (value) => (value === null ? "null" : typeof value);
export const isNull = (value) => value === null;
export const add = (a, b) => a + b;
export const returnsNull = () => null;
export const returnsUndefined = () => undefined;
export const returnsHalf = () => 1.5;
export const returnsHuge = () => 2 ** 60;
export const returnsString = () => "text";
export const returnsPromise = async () => 5;
export const rejects = async () => {
  throw new RangeError("rejected on purpose");
};
export let calls = 0;
export const countCall = () => {
  calls += 1;
  return calls;
};
export const withDefault = (value = "js default") => value;
