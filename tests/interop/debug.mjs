// JS side of test_debug.py: somewhere to keep Python callables and objects, and to drop them.
let kept = [];
export const keep = (value) => {
  kept.push(value);
};
export const callKept = (index, x) => kept[index](x);
export const dropAll = () => {
  kept = [];
};
