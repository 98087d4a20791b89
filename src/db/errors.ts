/** A fault the operator must fix; the CLI prints the message alone and exits non-zero. */
export class StorageError extends Error {}
