// Filters match a value as one whole element of a stored list ("/天津市/西青区/", ",常委会,"): the value
// goes into a LIKE pattern, where a user's % or _ would otherwise match anything (region=% listed every
// page). Each pattern built here says ESCAPE '\', and the value's own wildcards are escaped.

/** The condition that `column` matches an elementPattern (the one parameter). */
export const containsElement = (column: string) => `${column} LIKE ? ESCAPE '\\'`;

/** A value as literal text inside a LIKE pattern with ESCAPE '\'. */
export const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The pattern for a value standing whole between separators: %/value/% or %,value,%. */
export const elementPattern = (value: string, separator: string) => `%${separator}${likeLiteral(value)}${separator}%`;
