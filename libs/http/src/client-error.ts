import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorBody } from './app-error';

/** Returns the error body for a request that Node's HTTP parser rejected before any route ran. */
export function clientErrorBody(code: string | undefined): ErrorBody {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      statusCode: 408,
      error: 'request_timeout',
      message: 'the request did not arrive in time',
      details: [],
    };
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    const reason = `the request line and headers exceed ${maxHeaderSize} bytes; send shorter query parameters or headers`;

    return {
      statusCode: 431,
      error: 'request_header_fields_too_large',
      message: `headers: ${reason}`,
      details: [{ field: 'headers', reason }],
    };
  }

  return {
    statusCode: 400,
    error: 'bad_request',
    message: 'the request is not valid HTTP/1.1',
    details: [],
  };
}

/**
 * Sends the response to a request that Node's HTTP parser rejects (headers too large, a timeout,
 * malformed HTTP) in the error shape of every other response. Fastify's own handler uses another.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection cannot receive a response.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;

  if (socket.writable) {
    const body = clientErrorBody(error.code);
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
