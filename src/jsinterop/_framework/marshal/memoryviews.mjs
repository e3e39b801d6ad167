// memoryview -> MemoryView: a view of Python's memory itself, no copy, valid only during the
// synchronous call it is passed to (like .NET's Span<T> and IMemoryView).
//
// The view never keeps a typed array of wasm memory across uses: wasm memory can grow (a
// callback into Python may allocate), which detaches every view of the old buffer, so each
// access checks the view and takes the buffer again when it was detached. When the call
// returns, the buffer is released and every later use throws ObjectDisposedError (handles.mjs
// keeps the views open during a call; the signature compiler closes them when it returns).

function disposedError() {
  const error = new Error(
    "this MemoryView is no longer valid: it views Python memory only during the call it was " +
      "passed to; copy the data out with slice() or copyTo() during the call",
  );
  error.name = "ObjectDisposedError";
  return error;
}

export class MemoryView {
  #proxy;
  #buffer;
  #length;
  #format;
  #readOnly;

  constructor(proxy) {
    this.#proxy = proxy;
    this.#buffer = proxy.getBuffer();
    this.#length = this.#buffer.data.length;
    this.#format = this.#buffer.format;
    this.#readOnly = Boolean(this.#buffer.readonly);
  }

  // A typed array over the memory as it is now (taken again if memory grew since).
  #view() {
    if (this.#buffer === undefined) throw disposedError();
    let data = this.#buffer.data;
    if (data.length !== this.#length) {
      this.#buffer.release();
      this.#buffer = this.#proxy.getBuffer();
      data = this.#buffer.data;
    }
    return data;
  }

  #writable() {
    const data = this.#view();
    if (this.#readOnly) throw new TypeError("this MemoryView is read-only (its Python object is immutable)");
    return data;
  }

  /** Number of items. */
  get length() {
    this.#view();
    return this.#length;
  }

  /** Number of bytes. */
  get byteLength() {
    return this.#view().byteLength;
  }

  /** The Python struct format of an item: "B" for bytes, "d" for doubles, ... */
  get format() {
    this.#view();
    return this.#format;
  }

  get isReadOnly() {
    this.#view();
    return this.#readOnly;
  }

  get isDisposed() {
    return this.#buffer === undefined;
  }

  /** Items `start` to `end` copied out, as a typed array of the item type. */
  slice(start = 0, end = this.#length) {
    return this.#view().slice(start, end);
  }

  /** The item at `index` (negative counts from the end). */
  at(index) {
    return this.#view().at(index);
  }

  /** Copy `source` (an array or typed array) into the view, starting at item `offset`. */
  set(source, offset = 0) {
    this.#writable().set(source, offset);
  }

  /** Copy items from `sourceOffset` on into `target` (a typed array), as many as it holds. */
  copyTo(target, sourceOffset = 0) {
    const data = this.#view();
    if (sourceOffset < 0 || sourceOffset + target.length > data.length) {
      throw new RangeError(`copyTo: ${target.length} items from ${sourceOffset} do not fit in a MemoryView of ${data.length}`);
    }
    target.set(data.subarray(sourceOffset, sourceOffset + target.length));
  }

  /** Release the view now; any later use throws. Calling it twice is harmless. */
  dispose() {
    if (this.#buffer === undefined) return;
    this.#buffer.release();
    this.#buffer = undefined;
    this.#proxy = undefined;
  }

  /** The Python object viewed, for an export that takes a memoryview (while valid). */
  get pythonObject() {
    this.#view();
    return this.#proxy;
  }

  get [Symbol.toStringTag]() {
    return "MemoryView";
  }
}

export const names = { memoryview: "memoryview" };
export const jsNames = { memoryview: "MemoryView or typed array" };

// A buffer Python passed (as a PyProxy), on its way to JS as a MemoryView.
export function fromPy(spec, ctx) {
  const ffi = ctx.ffi;
  const handles = ctx.boundary.handles;
  return (v) => (v instanceof ffi.PyProxy ? handles.openView(new MemoryView(v)) : ctx.fail("type", v));
}

// A MemoryView or a typed array from JS, on its way to a Python memoryview.
export function toPy(spec, ctx) {
  return (v) => {
    if (v instanceof MemoryView) {
      if (v.isDisposed) return ctx.fail("type", v, undefined, "a disposed MemoryView");
      return v.pythonObject;
    }
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (v instanceof DataView) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (ArrayBuffer.isView(v)) return v;
    return ctx.fail("type", v);
  };
}
