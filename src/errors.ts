/** A problem the user can act on, told in one line (no stack trace): a missing database, a newer schema. */
export class UserError extends Error {}
