// How the page and a worker running Python talk (worker_page.mjs, worker_main.mjs):
//
// - Synchronous calls from the worker to the page, through one SharedArrayBuffer: the worker
//   writes the call (one message, wire.mjs's form) and sleeps in Atomics.wait; the page, which
//   may not block, waits with Atomics.waitAsync, runs the call and writes the reply. Measured
//   here: 10-20 us a round trip, against ~31 us when the page is woken by postMessage.
// - Everything else (booting, exports, callbacks, settled Promises) as postMessage requests
//   with replies (`Messenger`), whose values travel in the wire form too.
//
// Imports nothing: the wire is passed in.

const STATE = 0;
const IDLE = 0;
const REQUEST = 1;
const RESPONSE = 2;
const HEADER_BYTES = 16; // the state word, padded
const INITIAL_BYTES = 64 * 1024;
const MAX_BYTES = 1024 * 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// The buffer of one page <-> worker pair's synchronous calls (it grows for a large message).
export function newCallBuffer() {
  return new SharedArrayBuffer(HEADER_BYTES + INITIAL_BYTES, { maxByteLength: MAX_BYTES });
}

// Writes { text, chunks } after the header: text length, chunk count, chunk lengths, text,
// chunks. TextEncoder cannot write into shared memory, hence the copy.
function writeMessage(buffer, { text, chunks }) {
  const textBytes = encoder.encode(text);
  const head = 8 + 4 * chunks.length;
  const size = HEADER_BYTES + head + textBytes.length + chunks.reduce((total, chunk) => total + chunk.length, 0);
  if (size > buffer.byteLength) {
    if (size > buffer.maxByteLength) {
      throw new RangeError(`jsinterop: a call between the page and the worker cannot carry ${size} bytes (at most ${buffer.maxByteLength})`);
    }
    buffer.grow(size);
  }
  const view = new DataView(buffer);
  view.setUint32(HEADER_BYTES, textBytes.length, true);
  view.setUint32(HEADER_BYTES + 4, chunks.length, true);
  chunks.forEach((chunk, i) => view.setUint32(HEADER_BYTES + 8 + 4 * i, chunk.length, true));
  const bytes = new Uint8Array(buffer);
  let offset = HEADER_BYTES + head;
  bytes.set(textBytes, offset);
  offset += textBytes.length;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
}

// The message writeMessage wrote, copied out of shared memory.
function readMessage(buffer) {
  const view = new DataView(buffer);
  const textLength = view.getUint32(HEADER_BYTES, true);
  const count = view.getUint32(HEADER_BYTES + 4, true);
  const lengths = Array.from({ length: count }, (_, i) => view.getUint32(HEADER_BYTES + 8 + 4 * i, true));
  const bytes = new Uint8Array(buffer);
  let offset = HEADER_BYTES + 8 + 4 * count;
  const text = decoder.decode(bytes.slice(offset, offset + textLength));
  offset += textLength;
  const chunks = lengths.map((length) => {
    const chunk = bytes.slice(offset, offset + length);
    offset += length;
    return chunk;
  });
  return { text, chunks };
}

// The worker's side: `call(message)` blocks until the page replies, and returns the reply.
export function synchronousCaller(buffer) {
  const state = new Int32Array(buffer, 0, 1);
  return function call(message) {
    writeMessage(buffer, message);
    Atomics.store(state, STATE, REQUEST);
    Atomics.notify(state, STATE);
    while (Atomics.load(state, STATE) === REQUEST) Atomics.wait(state, STATE, REQUEST);
    const reply = readMessage(buffer);
    Atomics.store(state, STATE, IDLE); // no notify: the page wakes on the next REQUEST
    return reply;
  };
}

// The page's side: answers each call with `handle(message) -> reply` (synchronous: the worker
// is blocked meanwhile) until `stop()`.
export function serveSynchronousCalls(buffer, handle) {
  const state = new Int32Array(buffer, 0, 1);
  let stopped = false;
  (async () => {
    while (!stopped) {
      const now = Atomics.load(state, STATE);
      if (now === REQUEST) {
        writeMessage(buffer, handle(readMessage(buffer)));
        Atomics.store(state, STATE, RESPONSE);
        Atomics.notify(state, STATE);
        continue;
      }
      const waited = Atomics.waitAsync(state, STATE, now);
      if (waited.async) await waited.value;
    }
  })();
  return {
    stop() {
      stopped = true;
      Atomics.notify(state, STATE);
    },
  };
}

// Requests with replies over postMessage (`port`: a Worker on the page, the worker's global
// scope in it). Payloads and replies travel encoded by `wire` (wire.mjs); a handler may
// return a Promise; a handler's throw rejects the request on the other side with that Error.
export class Messenger {
  #port;
  #wire;
  #handlers = new Map();
  #waiting = new Map();
  #next = 1;

  constructor(port, wire) {
    this.#port = port;
    this.#wire = wire;
    port.addEventListener("message", (event) => this.#receive(event.data));
    port.start?.();
  }

  // handler(payload) -> reply, for messages of `type`.
  on(type, handler) {
    this.#handlers.set(type, handler);
  }

  // Sends without waiting for a reply.
  send(type, payload) {
    this.#port.postMessage({ type, payload: this.#wire.encode(payload) });
  }

  // Sends and resolves to the reply.
  request(type, payload) {
    const id = this.#next++;
    const reply = new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#port.postMessage({ type, id, payload: this.#wire.encode(payload) });
    return reply;
  }

  async #receive({ type, id, payload, fulfilled }) {
    if (payload === undefined) return; // a raw message, for another listener
    if (type === "reply") {
      const waiting = this.#waiting.get(id);
      this.#waiting.delete(id);
      const value = this.#wire.decode(payload);
      if (fulfilled) waiting.resolve(value);
      else waiting.reject(value);
      return;
    }
    const handler = this.#handlers.get(type);
    let value;
    let ok = true;
    try {
      if (!handler) throw new Error(`jsinterop: no handler for the message ${JSON.stringify(type)}`);
      value = await handler(this.#wire.decode(payload));
    } catch (error) {
      ok = false;
      value = error;
    }
    if (id === undefined) {
      if (!ok) console.error(value);
      return;
    }
    let encoded;
    try {
      encoded = this.#wire.encode(value);
    } catch (error) {
      ok = false;
      encoded = this.#wire.encode(error);
    }
    this.#port.postMessage({ type: "reply", id, fulfilled: ok, payload: encoded });
  }
}
