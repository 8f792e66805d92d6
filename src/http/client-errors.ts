// Requests Node's HTTP parser refuses before Express sees them (headers or URL over 16 KB: 431, a
// malformed request line: 400). Node answers those with an empty body; the API's clients get its
// usual JSON error instead.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const MESSAGES: Record<number, { code: string; message: string }> = {
  431: { code: 'HEADERS_TOO_LARGE', message: '请求头或网址过长 / request header fields too large' },
  400: { code: 'BAD_REQUEST', message: '请求格式不正确 / malformed request' },
  408: { code: 'REQUEST_TIMEOUT', message: '请求超时 / request timeout' },
};

export function answerClientErrorsAsJson(server: Server): Server {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error as { code?: string }).code === 'ECONNRESET') return void socket.destroy();
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ error: MESSAGES[status] });
    socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  return server;
}
