/**
 * The multipart form of a layer import: the file (field `file`) and the choices that go with it
 * (srid, encoding, note, skipRefused), each refused with a 400 naming its field.
 */
import type { FastifyRequest } from 'fastify';
import { problems } from '../../server/problem.ts';
import { MAX_UPLOAD_BYTES, megabytes } from '../import/limits.ts';

export interface LayerUpload {
  name: string;
  data: Buffer;
  srid?: number;
  encoding?: string;
  note?: string;
  skipRefused: boolean;
}

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no', '']);

export async function layerUpload(request: FastifyRequest, maxBytes = MAX_UPLOAD_BYTES): Promise<LayerUpload> {
  if (!request.isMultipart()) throw problems.badRequest('请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
  const tooLarge = () => problems.badRequest(`文件超过 ${megabytes(maxBytes)}`, [{ field: 'file', message: `文件超过 ${megabytes(maxBytes)}` }]);
  let file: { name: string; data: Buffer } | null = null;
  const fields = new Map<string, string>();
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname !== 'file') continue;
        if (part.file.truncated) throw tooLarge();
        file = { name: part.filename || 'upload', data };
      } else if (typeof part.value === 'string') {
        fields.set(part.fieldname, part.value.trim());
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (!file) throw problems.badRequest('缺少文件', [{ field: 'file', message: '必填' }]);

  const upload: LayerUpload = { ...file, skipRefused: false };
  const srid = fields.get('srid');
  if (srid) {
    if (!/^\d{4,6}$/.test(srid)) throw problems.badRequest('坐标系应为 EPSG 代码，如 4490', [{ field: 'srid', message: '应为 EPSG 代码（整数）' }]);
    upload.srid = Number(srid);
  }
  const encoding = fields.get('encoding');
  if (encoding) {
    if (encoding.length > 40) throw problems.badRequest('字符编码过长', [{ field: 'encoding', message: '最多 40 个字符' }]);
    upload.encoding = encoding;
  }
  const note = fields.get('note');
  if (note) {
    if (note.length > 500) throw problems.badRequest('说明过长', [{ field: 'note', message: '最多 500 个字符' }]);
    upload.note = note;
  }
  const skip = (fields.get('skipRefused') ?? '').toLowerCase();
  if (!TRUE.has(skip) && !FALSE.has(skip)) throw problems.badRequest('skipRefused 应为 true 或 false', [{ field: 'skipRefused', message: '应为 true 或 false' }]);
  upload.skipRefused = TRUE.has(skip);
  return upload;
}
