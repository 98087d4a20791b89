/** The largest task-list workbook an import accepts. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** What an uploaded workbook may unpack to: a template of a few thousand rows is well under 10 MB. */
export const IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
