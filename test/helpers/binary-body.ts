// supertest parser for a binary response body (PDF, DOCX): the raw bytes as a Buffer.
export function binaryBody(res: any, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
