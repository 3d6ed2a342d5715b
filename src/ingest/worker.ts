import { deserialize, serialize } from "node:v8";
import { move } from "piscina";
import { preparePages, type Window } from "./prepare.js";

/**
 * Windows cross between threads as transferred buffers of serialized pages, both ways. A window the
 * store thread hands over, or gets back before its turn to be stored, is then bytes rather than objects
 * its garbage collector must trace, promote and trace again (on 30,000 bench pages, collecting had cost
 * the store thread 0.26 ms a page, more than recognising the page's people).
 */
export function packed(value: unknown): ArrayBuffer {
  const bytes = serialize(value);
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return move(own as ArrayBuffer) as ArrayBuffer;
}

export const unpacked = <T>(buffer: ArrayBuffer): T => deserialize(Buffer.from(buffer)) as T;

/** A worker thread's task: one window of pages, prepared for the store. */
export default function prepareInWorker(window: ArrayBuffer): ArrayBuffer {
  return packed(preparePages(unpacked<Window>(window)));
}
