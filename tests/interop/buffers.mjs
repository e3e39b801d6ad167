// JS side of test_buffers.py.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const describe = (value) => Object.prototype.toString.call(value);
export const arrayBuffer = () => new Uint8Array([1, 2, 3]).buffer;
export const dataView = () => new DataView(new Uint8Array([0, 1, 2, 3, 4]).buffer, 1, 3);
export const numbers = () => [1, 2, 3];

const exportsModule = () => exportsOf("test_buffers");

// Calls export `name` with the bytes of `hex` wrapped as `kind`; reports the outcome.
export async function callExport(name, hex, kind = "Uint8Array") {
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  const argument = {
    Uint8Array: bytes,
    ArrayBuffer: bytes.buffer,
    DataView: new DataView(bytes.buffer),
    Array: Array.from(bytes),
  }[kind];
  try {
    const result = exportsModule()[name](argument);
    if (!(result instanceof Uint8Array)) return `not a Uint8Array: ${result}`;
    return result.length === bytes.length && result.every((x, i) => x === bytes[i]) ? "same" : "different";
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}

// A Uint8Array subclass, as Node's Buffer is one; `offset` makes it a view into a larger buffer.
class Bytes extends Uint8Array {}
export const subclassed = (offset) => new Bytes(new Uint8Array([9, 1, 2, 3]).buffer, offset);
