/** A multipart/form-data body holding one file, as a browser's upload form sends it. */
export function multipartFile(name: string, content: Buffer | string, field = 'file'): { headers: { 'content-type': string }; payload: Buffer } {
  const boundary = '----qingshan-test-upload';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}
