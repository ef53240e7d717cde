import type { Rejection } from './rejection';

const decoder = new TextDecoder();

/**
 * The raw body as text, or a rejection once it passes `maxBytes`. A declared `Content-Length` is
 * checked before anything is read (the HTTP layer guarantees the body is no longer); without one the
 * stream is counted as it arrives and cancelled at the limit, so a huge body is never held in memory.
 */
export async function readBody(request: Request, maxBytes: number): Promise<string | Rejection> {
  const tooLarge: Rejection = {
    code: 'body_too_large',
    message: `The body is larger than the ${maxBytes} bytes this endpoint accepts.`,
  };
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > maxBytes) return tooLarge;
    const text = await request.text();
    // A string never has more UTF-16 units than its UTF-8 bytes: this catches a lying header cheaply.
    return text.length > maxBytes ? tooLarge : text;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(bytes);
}
