// What a paragraph of the article body is, shared by the boilerplate rules, the line model and the header.

/** A paragraph of the article body, as opposed to a headline, menu or header line. */
export function isBodyParagraph(text: string): boolean {
  if (text.length > 80 || text.includes("。")) return true;
  const commas = text.match(/[，,、；;]/g)?.length ?? 0;
  return commas >= 2 || (commas >= 1 && text.length >= 30);
}
