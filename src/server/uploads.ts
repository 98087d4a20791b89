import type { FastifyRequest } from 'fastify';
import { problems } from './problem.ts';

/**
 * The one file of a multipart upload, in field `file`, refused with a 400 naming the field when it
 * is missing or larger than `maxBytes` (the multipart limit stops reading there, so an oversized
 * upload is never held in memory whole).
 */
export async function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw problems.badRequest('请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
  const megabytes = maxBytes / 1024 / 1024;
  const tooLarge = () => problems.badRequest(`文件超过 ${megabytes} MB`, [{ field: 'file', message: `文件超过 ${megabytes} MB` }]);
  let content: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 5 } })) {
      if (part.type !== 'file') continue;
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'file') continue;
      if (part.file.truncated) throw tooLarge();
      content = bytes;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (!content) throw problems.badRequest('缺少文件', [{ field: 'file', message: '必填' }]);
  return content;
}
