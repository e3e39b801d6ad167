// JS side of test_objects.py.
export function makeThing() {
  return {
    count: 3,
    ratio: 0.5,
    label: "thing",
    flag: true,
    empty: null,
    nested: { inner: "deep" },
    total(a, b) {
      return this.count + a + b;
    },
  };
}
export const same = (a, b) => a === b;
export const identity = (value) => value;
export const nothing = () => null;
export const typeOf = (value) => typeof value;
