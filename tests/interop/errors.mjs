// JS side of test_errors.py.
export function throwTypeError() {
  throw new TypeError("wrong kind of thing");
}
export function throwString() {
  throw "a bare string";
}
export async function reject() {
  throw new Error("rejected");
}
export async function wait(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return ms;
}
