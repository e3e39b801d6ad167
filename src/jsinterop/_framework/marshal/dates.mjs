// datetime <-> Date, to the millisecond. Python sends milliseconds since the epoch (it
// checked the datetime itself); a Date goes to Python as its milliseconds, once it is known
// to be valid and within Python's years 1 to 9999.

export const names = { datetime: "datetime" };
export const jsNames = { datetime: "Date" };

const MIN_MS = -62135596800000; // 0001-01-01T00:00:00Z
const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999Z

export function fromPy(spec, ctx) {
  return (v) => (typeof v === "number" ? new Date(v) : ctx.fail("type", v));
}

export function toPy(spec, ctx) {
  return (v) => {
    if (!(v instanceof Date)) return ctx.fail("type", v);
    const ms = v.getTime();
    if (Number.isNaN(ms)) return ctx.fail("type", v, undefined, "Invalid Date");
    if (ms < MIN_MS || ms > MAX_MS) return ctx.fail("range", v, "a Date within years 1 to 9999", v.toISOString());
    return ms;
  };
}
