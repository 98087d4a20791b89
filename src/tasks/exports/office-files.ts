// Everything that needs exceljs or docx. Those two take about a second to load, so the routes load
// this module at the first export or import instead of at start (docs/BENCHMARKS.md, warm start);
// the server bundle puts it in a chunk of its own.
export { bulletinDocx, bulletinWorkbook } from './bulletin-files.ts';
export { listWorkbook } from './list-export.ts';
export { parseTaskListWorkbook } from './parse.ts';
export { templateWorkbook } from './template.ts';
export { openWorkbook, workbookBuffer } from './xlsx-file.ts';
