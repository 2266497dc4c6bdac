import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { invalid } from '../errors/errors.js';
import type { StoredFile } from './store.js';

/**
 * The one file of a multipart/form-data upload (field `file`), read into memory up to `maxBytes`;
 * a missing, empty or oversized file is a validation error naming `body.file`.
 */
export async function uploadedFile(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  const field = 'body.file';
  if (!req.isMultipart()) {
    throw invalid({
      path: field,
      zh: '请以表单方式（multipart/form-data）上传文件',
      en: 'Upload the file as multipart/form-data',
    });
  }
  const mb = Math.round(maxBytes / 1024 / 1024);
  const tooLarge = invalid({ path: field, zh: `文件不能超过 ${mb} MB`, en: `The file must not exceed ${mb} MB` });
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    throw invalid({ path: field, zh: '上传的内容格式不正确', en: 'Malformed upload' });
  });
  if (!part || part.fieldname !== 'file')
    throw invalid({ path: field, zh: '请选择要上传的文件', en: 'Choose a file to upload' });
  const bytes = await part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge;
    throw invalid({ path: field, zh: '上传未完成，请重试', en: 'The upload did not complete; try again' });
  });
  if (bytes.length === 0) throw invalid({ path: field, zh: '文件是空的', en: 'The file is empty' });
  return bytes;
}

/** Sends a stored file to a client allowed to see it (kept by the browser for a little while, never by proxies). */
export function sendFile(reply: FastifyReply, file: StoredFile) {
  // Photos (cleaned on upload) are shown in the page; anything else (PDFs may carry scripts) is
  // downloaded, never rendered by the browser on our origin, and sandboxed should it be opened.
  const image = file.contentType.startsWith('image/');
  return reply
    .type(file.contentType)
    .header('cache-control', 'private, max-age=600')
    .header('content-disposition', image ? 'inline' : 'attachment')
    .header('content-security-policy', image ? "default-src 'none'" : "sandbox; default-src 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(file.bytes);
}
