// The JSON body parser, with its failures turned into one error class the error handler maps, so
// the handler never reads a status off an unknown error.
import express, { type RequestHandler } from 'express';

/** express.json() refused the body: bad JSON (400), too large (413), unsupported charset (415)… */
export class RequestBodyError extends Error {
  /** the status body-parser chose (its errors are http-errors with `status` and `type`) */
  readonly status: number;
  readonly type: string | undefined;
  constructor(status: number, type: string | undefined, message: string) {
    super(message);
    this.name = 'RequestBodyError';
    this.status = status;
    this.type = type;
  }

  get invalidJson(): boolean {
    return this.type === 'entity.parse.failed';
  }
}

export function jsonBody(options: { limit: string }): RequestHandler {
  const parse = express.json(options);
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const { status, type, message } = error as { status?: unknown; type?: unknown; message?: unknown };
      next(new RequestBodyError(typeof status === 'number' ? status : 400, typeof type === 'string' ? type : undefined, String(message)));
    });
  };
}
