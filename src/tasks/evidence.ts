/**
 * 佐证材料: what may be uploaded. The declared type is not trusted: the file's first bytes must
 * match a format the platform accepts (images, PDF, Office).
 */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

interface Format {
  mediaType: string;
  extensions: string[];
  matches(head: Buffer): boolean;
}

const startsWith = (head: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => head[offset + i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const FORMATS: Format[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'], matches: (h) => startsWith(h, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mediaType: 'image/png', extensions: ['png'], matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { mediaType: 'image/gif', extensions: ['gif'], matches: (h) => startsWith(h, [0x47, 0x49, 0x46, 0x38]) },
  { mediaType: 'image/webp', extensions: ['webp'], matches: (h) => startsWith(h, [0x52, 0x49, 0x46, 0x46]) && startsWith(h, [0x57, 0x45, 0x42, 0x50], 8) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], matches: (h) => startsWith(h, ZIP) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], matches: (h) => startsWith(h, ZIP) },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], matches: (h) => startsWith(h, ZIP) },
  { mediaType: 'application/msword', extensions: ['doc'], matches: (h) => startsWith(h, OLE) },
  { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], matches: (h) => startsWith(h, OLE) },
];

export const ACCEPTED_EXTENSIONS = FORMATS.flatMap((f) => f.extensions);

/** The media type to store and serve, or the reason the file is refused (in Chinese, for the user). */
export function checkEvidence(fileName: string, content: Buffer): { mediaType: string } | { refused: string } {
  if (content.length === 0) return { refused: '文件为空' };
  if (content.length > EVIDENCE_MAX_BYTES) return { refused: `文件超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB` };
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const format = FORMATS.find((f) => f.extensions.includes(extension));
  if (!format) return { refused: `不支持的文件类型 .${extension}（可上传：${ACCEPTED_EXTENSIONS.join('、')}）` };
  if (!format.matches(content.subarray(0, 16))) return { refused: `文件内容与扩展名 .${extension} 不符` };
  return { mediaType: format.mediaType };
}
