import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { decodeBytes, ReadError } from "../src/read/decode.js";

// Encodings as pages and other projects' test files carry them: UTF-16 with no byte-order mark is read,
// EUC-TW (which no kept decoder reads) is refused by name, bytes no encoding reads as Chinese are
// refused — never passed on as garbage — and GB18030, Big5 and UTF-8 are still told apart.

const MEETING = "7月23日,区委书记李清主持召开区委常委会会议,传达学习市委有关会议精神。\n会议强调,要压紧压实防汛责任。\n";
const PURE_HAN = "区委常委会召开会议研究部署防汛工作会议强调要压紧压实防汛责任确保安全度汛";
const ENGLISH_HTML = '<html>\n<head><title>Test page</title></head>\n<body><p>The quick brown fox jumps over the lazy dog.</p></body>\n</html>\n';

test("UTF-16 without a byte-order mark is read, little- or big-endian, Chinese, pure Han or English", () => {
  for (const text of [MEETING, PURE_HAN, ENGLISH_HTML]) {
    for (const encoding of ["utf-16le", "utf-16be"] as const) {
      const read = decodeBytes(iconv.encode(text, encoding));
      assert.deepEqual(read, { text, encoding }, `${encoding}: ${text.slice(0, 12)}`);
    }
  }
});

// "行政會召開全體會議討論施政方針,會議聽取了經濟財政司關於公共財政收支狀況的匯報。" in EUC-TW, written by glibc's iconv.
const EUC_TW = Buffer.from(
  "c8e7d1c9e4c4c6aee2e4c7c0fcd5e4c4fabed8b6efa2d1ccd1c9c5c9d8dc2ce4c4fabefbefccbdc4a7e5eef4a4d8c2d1c9c6b3f9c3cdf5c4fcc7c1d8c2d1c9c8adc5c5ceedced3cefbe3bededea1a4",
  "hex",
);

test("EUC-TW is refused by name, whether the page declares it or not", () => {
  assert.throws(() => decodeBytes(EUC_TW), (error: Error) => error instanceof ReadError && /EUC-TW/.test(error.message));
  assert.throws(() => decodeBytes(EUC_TW, "euc-tw"), (error: Error) => error instanceof ReadError && /euc-tw/i.test(error.message));
  assert.throws(() => decodeBytes(EUC_TW, "x-euc-tw"), /不支持/);
});

/** Deterministic bytes 0x80–0xFF, as a damaged or hostile input would hold. */
function highBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 12345;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = 0x80 | (seed >>> 24);
  }
  return bytes;
}

test("random high bytes are refused as no encoding, quickly, whatever their size", { timeout: 10_000 }, () => {
  const started = performance.now();
  assert.throws(() => decodeBytes(highBytes(4 * 1024 * 1024)), /无法识别的编码/);
  assert.ok(performance.now() - started < 3000);
});

const SNIPPETS = [
  "县政府召开第十二次常务会议",
  "市人大常委会举行第三十一次会议,表决通过人事任免事项。",
  "镇党委书记出席会议并讲话",
];
const TRADITIONAL = ["行政會召開全體會議", "會議聽取了經濟財政司關於公共財政收支狀況的匯報。", "縣長主持召開縣政府常務會議"];

test("short GB and Big5 snippets are still told apart, and UTF-8 is UTF-8", () => {
  for (const text of SNIPPETS) {
    assert.deepEqual(decodeBytes(iconv.encode(text, "gbk")), { text, encoding: "gb18030" }, text);
    assert.deepEqual(decodeBytes(Buffer.from(text)), { text, encoding: "utf-8" }, text);
  }
  for (const text of TRADITIONAL) assert.deepEqual(decodeBytes(iconv.encode(text, "big5")), { text, encoding: "big5" }, text);
});

test("a declaration that reads as garbage gives way to detection: GBK bytes declared Big5 are read as GBK", () => {
  const text = SNIPPETS[1]!;
  assert.deepEqual(decodeBytes(iconv.encode(text, "gbk"), "big5"), { text, encoding: "gb18030" });
});

test("a short text of rare names and places is still read, not refused as garbage", () => {
  // Place names of the north-east and south-west, many characters outside the 2,500 common ones.
  const text = "珲春市敬信镇、瑷珲区、亳州市谯城区、涪陵区、鄯善县";
  assert.deepEqual(decodeBytes(iconv.encode(text, "gbk")), { text, encoding: "gb18030" });
});

test("UTF-16 cut in the middle of a character is still read as UTF-16", () => {
  const bytes = iconv.encode(MEETING, "utf-16le");
  const read = decodeBytes(bytes.subarray(0, bytes.length - 1));
  assert.equal(read.encoding, "utf-16le");
  assert.ok(read.text.startsWith(MEETING.slice(0, 30)));
});

test("the charset of an XML declaration is a page's declaration too", async () => {
  const { declaredCharset } = await import("../src/read/decode.js");
  assert.equal(declaredCharset(Buffer.from('<?xml version="1.0" encoding="big5"?>\n<html>')), "big5");
  assert.equal(declaredCharset(Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')), "gb2312");
  assert.equal(declaredCharset(Buffer.from("<p>没有声明</p>")), null);
});
