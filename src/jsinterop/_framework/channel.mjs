// How the page and a worker running Python talk (worker_page.mjs, worker_main.mjs):
//
// - Synchronous calls from the worker to the page, through one SharedArrayBuffer: the worker
//   writes the call (one message, wire.mjs's form) and sleeps in Atomics.wait; the page, which
//   may not block, waits with Atomics.waitAsync, runs the call and writes the reply. Measured
//   here: 10-20 us a round trip, against ~31 us when the page is woken by postMessage.
// - While the page runs such a call, Python is waiting for it, so the page may call Python
//   synchronously too (an export, a Python callable): nested calls through the same buffer,
//   strictly stack-ordered (`SynchronousCalls`).
// - Everything else (booting, exports, callbacks, settled Promises) as postMessage requests
//   with replies (`Messenger`), whose values travel in the wire form too.
//
// Imports nothing: the wire is passed in.

const STATE = 0;
const HEADER_BYTES = 16; // the state word, padded
const INITIAL_BYTES = 64 * 1024;
const MAX_BYTES = 1024 * 1024 * 1024;
const SPIN_ROUNDS = 2000; // a few microseconds: how long the page watches for the next call

// Synchronous calls in both directions, strictly nested, through the one buffer. The state
// word says what the buffer holds and who reads it next; the two sides take turns, so one
// message is in flight at a time:
//
//   worker                                page
//   call(f, args) -> CALL_TO_PAGE    ->   runs f (the worker waits)
//                                         f calls a Python export synchronously:
//   runs the export                  <-   CALL_TO_WORKER (the page spins)
//   (it may call the page again: the page's spin serves CALL_TO_PAGE, nested)
//                  REPLY_TO_PAGE     ->   the export's value; f goes on
//   the value of f               <-       REPLY_TO_WORKER
//
// Each side waits for its answer in the same loop ("wait for my reply, serving the other
// side's calls meanwhile"): the worker sleeps in Atomics.wait; the page, whose thread may not
// block, spins on Atomics.load, for as long as Python takes to answer. A side that cannot
// write its reply at all writes its FAILED state instead, and the waiting call throws.
const IDLE = 0;
const CALL_TO_PAGE = 1;
const REPLY_TO_WORKER = 2;
const CALL_TO_WORKER = 3;
const REPLY_TO_PAGE = 4;
const PAGE_FAILED = 5;
const WORKER_FAILED = 6;

// Each side's states: what it writes, and what it waits for.
const WORKER_SIDE = { call: CALL_TO_PAGE, reply: REPLY_TO_PAGE, failed: WORKER_FAILED, theirCall: CALL_TO_WORKER, theirReply: REPLY_TO_WORKER, theirFailure: PAGE_FAILED };
const PAGE_SIDE = { call: CALL_TO_WORKER, reply: REPLY_TO_WORKER, failed: PAGE_FAILED, theirCall: CALL_TO_PAGE, theirReply: REPLY_TO_PAGE, theirFailure: WORKER_FAILED };

// A synchronous call's message is a list of values written straight into the buffer after
// its header: booleans, null, undefined, numbers and strings inline (the common arguments of a
// typed call: no JSON, no text codec), anything else in the wire form (wire.mjs).
const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const WIRE = 6;

// The buffer of one page <-> worker pair's synchronous calls (it grows for a large message).
export function newCallBuffer() {
  return new SharedArrayBuffer(HEADER_BYTES + INITIAL_BYTES, { maxByteLength: MAX_BYTES });
}

// Length-tracking views of `buffer`: they follow it when it grows.
function viewsOf(buffer) {
  return { buffer, data: new DataView(buffer), bytes: new Uint8Array(buffer), units: new Uint16Array(buffer) };
}

function ensure(views, size) {
  if (size <= views.buffer.byteLength) return;
  if (size > views.buffer.maxByteLength) {
    throw new RangeError(`jsinterop: a call between the page and the worker cannot carry ${size} bytes (at most ${views.buffer.maxByteLength})`);
  }
  views.buffer.grow(Math.max(size, Math.min(views.buffer.byteLength * 2, views.buffer.maxByteLength)));
}

function writeString(views, offset, text) {
  offset += offset & 1; // UTF-16 code units at an even offset
  ensure(views, offset + 4 + 2 * text.length);
  views.data.setUint32(offset, text.length, true);
  const first = (offset + 4) >> 1;
  const units = views.units;
  for (let i = 0; i < text.length; i++) units[first + i] = text.charCodeAt(i);
  return offset + 4 + 2 * text.length;
}

function readString(views, offset) {
  offset += offset & 1;
  const length = views.data.getUint32(offset, true);
  const first = (offset + 4) >> 1;
  let text = "";
  for (let at = 0; at < length; at += 4096) {
    text += String.fromCharCode.apply(null, views.units.subarray(first + at, first + Math.min(length, at + 4096)));
  }
  return { text, offset: offset + 4 + 2 * length };
}

// Writes `values` (encoding the ones that are not inline with `wire`).
function writeValues(views, values, wire) {
  let offset = HEADER_BYTES + 4;
  for (const value of values) {
    ensure(views, offset + 9);
    const data = views.data;
    switch (typeof value) {
      case "number":
        data.setUint8(offset, NUMBER);
        data.setFloat64(offset + 1, value, true);
        offset += 9;
        continue;
      case "string":
        data.setUint8(offset, STRING);
        offset = writeString(views, offset + 1, value);
        continue;
      case "boolean":
        data.setUint8(offset++, value ? TRUE : FALSE);
        continue;
      case "undefined":
        data.setUint8(offset++, UNDEFINED);
        continue;
      default:
        if (value === null) {
          data.setUint8(offset++, NULL);
          continue;
        }
    }
    const { text, chunks } = wire.encode(value);
    views.data.setUint8(offset, WIRE);
    offset = writeString(views, offset + 1, text);
    ensure(views, offset + 4 + chunks.reduce((total, chunk) => total + 4 + chunk.length, 0));
    views.data.setUint32(offset, chunks.length, true);
    offset += 4;
    for (const chunk of chunks) {
      views.data.setUint32(offset, chunk.length, true);
      views.bytes.set(chunk, offset + 4);
      offset += 4 + chunk.length;
    }
  }
  views.data.setUint32(HEADER_BYTES, values.length, true);
}

// The values writeValues wrote, copied out of shared memory.
function readValues(views, wire) {
  const count = views.data.getUint32(HEADER_BYTES, true);
  const values = new Array(count);
  let offset = HEADER_BYTES + 4;
  for (let i = 0; i < count; i++) {
    const tag = views.data.getUint8(offset++);
    switch (tag) {
      case NUMBER:
        values[i] = views.data.getFloat64(offset, true);
        offset += 8;
        break;
      case STRING: {
        const read = readString(views, offset);
        values[i] = read.text;
        offset = read.offset;
        break;
      }
      case TRUE: values[i] = true; break;
      case FALSE: values[i] = false; break;
      case NULL: values[i] = null; break;
      case UNDEFINED: values[i] = undefined; break;
      case WIRE: {
        const read = readString(views, offset);
        offset = read.offset;
        const chunks = new Array(views.data.getUint32(offset, true));
        offset += 4;
        for (let c = 0; c < chunks.length; c++) {
          const length = views.data.getUint32(offset, true);
          chunks[c] = views.bytes.slice(offset + 4, offset + 4 + length);
          offset += 4 + length;
        }
        values[i] = wire.decode({ text: read.text, chunks });
        break;
      }
      default:
        throw new Error(`jsinterop: a corrupt call message (tag ${tag})`);
    }
  }
  return values;
}

// One side of the synchronous calls: `callFunction(id, args)` calls the other side's function
// `id` (a wire id) and returns its value or throws what it threw, serving the other side's
// nested calls while it waits (`waitForTurn`: how this side waits for the state to leave
// `now`). `serving` is true while this side runs a call of the other side: then, and only
// then, the other side is waiting and may be called synchronously.
class SynchronousCalls {
  #views;
  #state;
  #wire;
  #side;
  #waitForTurn;
  #depth = 0;
  #closed;

  constructor(buffer, wire, side, waitForTurn) {
    this.#views = viewsOf(buffer);
    this.#state = new Int32Array(buffer, 0, 1);
    this.#wire = wire;
    this.#side = side;
    this.#waitForTurn = waitForTurn;
  }

  get serving() {
    return this.#depth > 0;
  }

  // From now on every call throws `reason` at once (the other side is gone).
  close(reason) {
    this.#closed = reason;
  }

  callFunction(id, args) {
    if (this.#closed !== undefined) throw new Error(this.#closed);
    const side = this.#side;
    writeValues(this.#views, [id, ...args], this.#wire);
    Atomics.store(this.#state, STATE, side.call);
    Atomics.notify(this.#state, STATE);
    for (;;) {
      const now = this.#waitForTurn(this.#state, side);
      if (now === side.theirCall) {
        this.serveCall();
        continue;
      }
      let reply;
      try {
        if (now === side.theirFailure) throw new Error("jsinterop: the other side of a synchronous call failed while answering it (see its console)");
        reply = readValues(this.#views, this.#wire);
      } finally {
        Atomics.store(this.#state, STATE, IDLE); // no notify: the other side wakes on its next turn
      }
      const [ok, value] = reply;
      if (!ok) throw value;
      return value;
    }
  }

  // Answers the other side's call waiting in the buffer: [true, value] or [false, what was
  // thrown] (as a carrier: safe to read there, the thrown value again when sent back).
  serveCall() {
    const views = this.#views;
    const wire = this.#wire;
    this.#depth += 1;
    try {
      try {
        const [id, ...args] = readValues(views, wire);
        writeValues(views, [true, wire.owned(id)(...args)], wire);
      } catch (error) {
        writeValues(views, [false, wire.thrown(error)], wire); // a value that cannot cross, say
      }
      Atomics.store(this.#state, STATE, this.#side.reply);
    } catch (error) {
      console.error(error);
      Atomics.store(this.#state, STATE, this.#side.failed);
    } finally {
      this.#depth -= 1;
    }
    Atomics.notify(this.#state, STATE);
  }
}

// How a side waits for its turn: until the state word is the other side's reply, call or
// failure (returned), `idle(state, now)` between two looks.
function waitingWith(idle) {
  return function waitForTurn(state, side) {
    for (;;) {
      const now = Atomics.load(state, STATE);
      if (now === side.theirReply || now === side.theirCall || now === side.theirFailure) return now;
      idle(state, now);
    }
  };
}

// The worker's side: it sleeps until the page answers or calls.
const sleepForTurn = waitingWith((state, now) => Atomics.wait(state, STATE, now));

export function workerCalls(buffer, wire) {
  return new SynchronousCalls(buffer, wire, WORKER_SIDE, sleepForTurn);
}

// The page's side: answers the worker's calls as they come (woken by Atomics.waitAsync) until
// `stop()`; while it runs one, the page may call the worker synchronously (`callFunction`),
// spinning until the worker answers.
export function pageCalls(buffer, wire) {
  const calls = new SynchronousCalls(buffer, wire, PAGE_SIDE, spinForTurn);
  const state = new Int32Array(buffer, 0, 1);
  let stopped = false;
  (async () => {
    while (!stopped) {
      const now = Atomics.load(state, STATE);
      if (now === CALL_TO_PAGE) {
        calls.serveCall();
        // A loop of calls sends the next one within microseconds: watching for it briefly
        // costs the page less than being woken again (a Promise and a task each time).
        for (let spin = 0; spin < SPIN_ROUNDS && Atomics.load(state, STATE) !== CALL_TO_PAGE; spin++);
        continue;
      }
      const waited = Atomics.waitAsync(state, STATE, now);
      if (waited.async) await waited.value;
    }
  })();
  calls.stop = () => {
    stopped = true;
    Atomics.notify(state, STATE);
  };
  return calls;
}

// The page's thread may not block: it watches the state word. Python in the worker is
// running the page's call meanwhile, so this lasts as long as that call does.
const pause = Atomics.pause ?? (() => {});
const spinForTurn = waitingWith(() => pause());

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
      value = this.#wire.thrown(error);
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
      encoded = this.#wire.encode(this.#wire.thrown(error));
    }
    this.#port.postMessage({ type: "reply", id, fulfilled: ok, payload: encoded });
  }
}
