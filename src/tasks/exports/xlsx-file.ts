import ExcelJS from 'exceljs';

import { IMPORT_MAX_UNPACKED_BYTES } from './import-limits.ts';

/**
 * The sum of the uncompressed sizes a ZIP's central directory declares, or null when the bytes are
 * not a ZIP (or use ZIP64, which no spreadsheet of 5 MB needs). Checked before unpacking, so a
 * small upload cannot make the server inflate gigabytes.
 */
export function zipUnpackedSize(bytes: Buffer): number | null {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const size = bytes.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return null;
    total += size;
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return total;
}

/** Opens an upload as a workbook, or says in words why it is not one. */
export async function openWorkbook(bytes: Buffer): Promise<{ workbook: ExcelJS.Workbook } | { refused: string }> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) return { refused: '文件不是 Excel 工作簿（.xlsx），请使用平台下载的导入模板' };
  if (unpacked > IMPORT_MAX_UNPACKED_BYTES) return { refused: '工作簿解压后过大，请删除多余内容后重试' };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { refused: '无法打开此 Excel 工作簿（.xlsx），文件可能已损坏' };
  }
  if (workbook.worksheets.length === 0) return { refused: '工作簿中没有工作表，请使用平台下载的导入模板' };
  return { workbook };
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
