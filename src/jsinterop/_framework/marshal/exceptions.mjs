// BaseException subclasses <-> Error. Python sends the Error itself (the original one of a
// JSException, or a new one keeping the Python exception); JS passes an Error, which Python
// turns back into the original Python exception or a JSException and checks against the
// annotated class.

export function typeName(spec) {
  return spec.name;
}

export function jsTypeName() {
  return "Error";
}

// Python checked the exception's class and made (or kept) the JS value it stands for.
export function fromPy() {
  return (v) => v;
}

export function toPy(spec, ctx) {
  return (v) => (v instanceof Error ? v : ctx.fail("type", v));
}
