// Lifetime state on the JS side, in one place, one `Handles` per runtime:
// - the JS values that stand for Python objects (a JS function for a Python callable, an
//   opaque handle for any other Python object), the PyProxies they hold, and the
//   FinalizationRegistry that releases them when JS drops them;
// - the Python exceptions that JS Errors keep (an Error mirroring a Python exception keeps a
//   proxy of it, released when the Error is collected);
// - the MemoryViews of Python memory open during the calls in progress.
//
// Python allocates each handle's id and keeps its own table (jsinterop/_handles.py). JS never
// calls Python from a finalizer (it may run while Python is suspended): released ids queue up
// here and Python takes them the next time it creates a handle or counts them.

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

export class Handles {
  #byId = new Map(); // id -> { ref: WeakRef of the JS value, state }
  #states = new WeakMap(); // JS value -> state
  #jsFunctions = new WeakMap(); // a wrapper handed to Python -> the JS function it wraps
  #released = [];
  #registry = new FinalizationRegistry((state) => this.#finalize(state));
  #keptExceptionCount = 0;
  #keptExceptions = new FinalizationRegistry((proxy) => this.#dropException(proxy));
  #exceptionOf = new WeakMap(); // a mirroring Error -> the proxy of its Python exception
  #openViews = []; // innermost call's views last

  // -- handles of Python objects ----------------------------------------------------------

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

  // -- Python exceptions kept by JS Errors ------------------------------------------------

  // `error` keeps `proxy` (its Python exception) as `pythonException` until it is collected:
  // the Error is the proxy's only owner.
  keepException(error, proxy) {
    Object.defineProperty(error, "pythonException", { value: proxy, configurable: true, writable: false, enumerable: false });
    this.#exceptionOf.set(error, proxy);
    this.#keptExceptions.register(error, proxy);
    this.#keptExceptionCount++;
  }

  // The Python exception `value` keeps, if it is an Error made by keepException. Looked up by
  // identity, not read from `value`: a thrown value's properties may run JS code.
  exceptionOf(value) {
    return this.#exceptionOf.get(value);
  }

  #dropException(proxy) {
    this.#keptExceptionCount--;
    try {
      proxy.destroy();
    } catch {
      // already destroyed
    }
  }

  // How many Python exceptions JS Errors keep alive now (jsinterop.debug counts them).
  get keptExceptionCount() {
    return this.#keptExceptionCount;
  }

  // -- MemoryViews open during a call -----------------------------------------------------

  // Counts `view` ({ dispose() }) among the views of the call in progress.
  openView(view) {
    this.#openViews.push(view);
    return view;
  }

  // `call` wrapped so that the views made for its arguments are disposed when it returns.
  closingViews(call) {
    const views = this.#openViews;
    return function (...values) {
      const mark = views.length;
      try {
        return call.apply(this, values);
      } finally {
        for (const view of views.splice(mark)) view.dispose();
      }
    };
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
