// Lifetime state on the JS side, in one place: the JS values that stand for Python objects
// (a JS function for a Python callable, an opaque handle for any other Python object), the
// PyProxies they hold, and the FinalizationRegistry that releases them when JS drops them.
//
// Python allocates each handle's id and keeps its own table (jsinterop/_handles.py). JS never
// calls Python from a finalizer (it may run while Python is suspended): released ids queue up
// here and Python takes them the next time it creates a handle or counts them.

const perRuntime = new WeakMap();

// The handle state of the runtime whose Pyodide FFI is `ffi`.
export function handlesFor(ffi) {
  let handles = perRuntime.get(ffi);
  if (!handles) {
    handles = new Handles(ffi);
    perRuntime.set(ffi, handles);
  }
  return handles;
}

// What JS sees for a Python object that is neither a primitive nor callable: opaque, it only
// comes back to Python as the same object.
export class PythonObject {
  #state;

  constructor(state) {
    this.#state = state;
    Object.freeze(this);
  }

  get [Symbol.toStringTag]() {
    return `Python ${this.#state.typeName}`;
  }
}

class Handles {
  #byId = new Map(); // id -> { ref: WeakRef of the JS value, state }
  #states = new WeakMap(); // JS value -> state
  #jsFunctions = new WeakMap(); // a wrapper handed to Python -> the JS function it wraps
  #released = [];
  #registry = new FinalizationRegistry((state) => this.#finalize(state));

  constructor(ffi) {
    this.ffi = ffi;
    // Set by the runtime: turns a PythonError into the JS Error a JS caller sees.
    this.toJsError = (error) => error;
  }

  // Registers `value` (a function or a PythonObject) as the JS side of Python handle `state.id`.
  add(value, state) {
    this.#byId.set(state.id, { ref: new WeakRef(value), state });
    this.#states.set(value, state);
    this.#registry.register(value, state, state);
    return value;
  }

  // The JS value of handle `id` while JS still holds it; undefined once it is gone.
  live(id) {
    const entry = this.#byId.get(id);
    if (!entry || entry.state.released) return undefined;
    return entry.ref.deref();
  }

  // The Python object behind `value` (a PyProxy that Python unwraps), if `value` is one of ours.
  pythonOf(value) {
    const state = this.#states.get(value);
    return state && !state.released ? state.original : undefined;
  }

  // JS functions handed to Python come back as themselves, not as the wrapper.
  wrapped(wrapper, fn) {
    this.#jsFunctions.set(wrapper, fn);
    return wrapper;
  }

  jsOf(value) {
    return this.#jsFunctions.get(value) ?? value;
  }

  // Python's jsinterop.release(): the handle stops working at once.
  release(id) {
    const entry = this.#byId.get(id);
    if (!entry) return;
    this.#registry.unregister(entry.state);
    this.#byId.delete(id);
    destroy(entry.state);
  }

  #finalize(state) {
    if (state.released) return;
    destroy(state);
    this.#byId.delete(state.id);
    this.#released.push(state.id);
  }

  // The ids JS has dropped since the last call (undefined if none), for Python's table.
  takeReleased() {
    if (this.#released.length === 0) return undefined;
    const ids = this.#released;
    this.#released = [];
    return ids;
  }

  get count() {
    return this.#byId.size;
  }
}

function destroy(state) {
  state.released = true;
  const { target, original } = state;
  state.target = state.original = null;
  target?.destroy?.();
  if (original !== target) original?.destroy?.();
}

// The Python callable behind a JS function, or a clear error once it was released.
export function liveTarget(state) {
  const target = state.target;
  if (target === null) {
    throw new Error(`jsinterop: the Python callable ${state.name} was released with jsinterop.release() and cannot be called`);
  }
  return target;
}
