// What a paragraph of the article body is, shared by the boilerplate rules, the line model and the header.

/** Clause marks that a paragraph holds and a headline or menu line rarely does, by UTF-16 code unit. */
const isClauseMark = (c: number) => c === 0xff0c || c === 0x2c || c === 0x3001 || c === 0xff1b || c === 0x3b;

/** A paragraph of the article body, as opposed to a headline, menu or header line. */
export function isBodyParagraph(text: string): boolean {
  if (text.length > 80 || text.includes("。")) return true;
  // counted by a scan, not a global match: this is asked of every line by three stages, and a match array
  // was made for each
  let commas = 0;
  for (let i = 0; i < text.length; i++) if (isClauseMark(text.charCodeAt(i))) commas++;
  return commas >= 2 || (commas >= 1 && text.length >= 30);
}
