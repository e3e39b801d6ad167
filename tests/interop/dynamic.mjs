// JS side of test_dynamic.py: values of every JS type, and functions that keep, compare and
// describe what Python sends as `object` / `Any`.
export const identity = (value) => value;
export const same = (a, b) => a === b;
export const describe = (value) =>
  value === null ? "null" : `${typeof value} ${Object.prototype.toString.call(value)}`;
export const values = () => ({
  number: 1.5, integer: 7, text: "hi", yes: true, nothing: null, missing: undefined,
  big: 12345678901234567890n, object: { a: 1 }, list: [1, 2], fn: (x) => x + 1,
});
export const valueOf = (name) => values()[name];
export const callWith = (fn, ...args) => fn(...args);
export const callWithEveryType = (fn) =>
  fn(1.5, 7, "hi", true, null, undefined, { a: 1 }, [1, 2], (x) => x + 1);

let kept = [];
export const keep = (value) => {
  kept.push(value);
};
export const keptAt = (index) => kept[index];
export const dropKept = () => {
  kept = [];
};

async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_dynamic;
}

// JS -> Python -> JS through an export taking and returning `object`.
export async function roundTripEveryType() {
  const echo = (await exportsModule()).echo;
  const fn = (x) => x;
  const object = { a: 1 };
  const results = [
    echo(1.5) === 1.5, echo(7) === 7, echo("hi") === "hi", echo(true) === true,
    echo(null) === null, echo(undefined) === null, echo(object) === object, echo(fn) === fn,
  ];
  return results.every(Boolean) ? "ok" : JSON.stringify(results);
}
