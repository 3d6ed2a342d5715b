// How the reader names files and their problems to people: a path's bytes shown safely whatever they
// hold, and a file-system error code told as its cause.

/** A file name's bytes as text: UTF-8 where they are UTF-8, each other byte shown as \xNN so that none is lost. */
export function shownPath(name: Buffer): string {
  const text = name.toString("utf8");
  if (!text.includes("\ufffd") || Buffer.from(text, "utf8").equals(name)) return text;
  let shown = "";
  let i = 0;
  while (i < name.length) {
    const width = utf8Width(name, i);
    if (width > 0) {
      shown += name.subarray(i, i + width).toString("utf8");
      i += width;
    } else {
      shown += `\\x${name[i]!.toString(16).padStart(2, "0")}`;
      i++;
    }
  }
  return shown;
}

/** The length of the valid UTF-8 sequence starting at i, or 0 when the byte there starts none. */
function utf8Width(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  const width = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (width <= 1) return width;
  if (i + width > bytes.length) return 0;
  for (let k = 1; k < width; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return bytes.subarray(i, i + width).toString("utf8").includes("\ufffd") ? 0 : width;
}

const FILE_PROBLEMS: Record<string, string> = {
  EACCES: "没有读取权限",
  EPERM: "没有读取权限",
  ENOENT: "找不到该文件或文件夹",
  ELOOP: "符号链接循环",
  EISDIR: "是文件夹,不是文件",
  ENOTDIR: "路径中有一段不是文件夹",
  EIO: "读取时出错(磁盘或设备错误)",
  EMFILE: "打开的文件过多",
  ENAMETOOLONG: "文件名过长",
};

/** A file-system error told by its cause, or null when the error is not one. */
export function fileProblem(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code && FILE_PROBLEMS[code] ? FILE_PROBLEMS[code]! : null;
}
