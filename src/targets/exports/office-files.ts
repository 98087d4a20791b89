// Everything that needs exceljs or docx, loaded by the routes at the first export (as the task exports
// do: src/tasks/exports/office-files.ts), so the server starts without them.
export { workbookBuffer } from '../../tasks/exports/xlsx-file.ts';
export { breakdownWorkbook } from './breakdown-table.ts';
export { columnOneWorkbook } from './column-one.ts';
export { reportDocx } from './report-docx.ts';
