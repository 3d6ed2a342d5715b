import { createRequire } from "node:module";
import { lazy } from "./load.js";

// pinyin-pro, required when first used rather than imported: its dictionaries are 4.5 MB of heap and some
// 14 MB of resident memory as soon as the module loads, while cleaning asks for readings only on pages whose
// pinyin glosses lost bytes. Every user takes it from here, so one copy of the package is ever loaded.

type PinyinPro = typeof import("pinyin-pro");

const pinyinPro = lazy(() => createRequire(import.meta.url)("pinyin-pro") as PinyinPro);

export const pinyin: PinyinPro["pinyin"] = ((...args: Parameters<PinyinPro["pinyin"]>) => pinyinPro().pinyin(...args)) as PinyinPro["pinyin"];
