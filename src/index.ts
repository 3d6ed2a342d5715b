export { clean, cleanBatch, STAGE_IDS, type CleanOptions } from "./clean/index.js";
export { messagesOf, type Message } from "./clean/messages.js";
export { extract } from "./extract/index.js";
export { cleanItems, type CleanItem } from "./clean/batches.js";
export { readInputs, pageFromBytes, pageFromText, type ReadItem } from "./read/sources.js";
export { decodeBytes } from "./read/decode.js";
export type * from "./types.js";
