// The one validation step of the routes: zod schemas for the path parameters, the query and the
// body; the handler gets the parsed (typed) values in req.params / req.query / req.body, or the
// request ends with an InputError naming each field.
import type { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;

export interface ValidateOptions {
  /** name fields after the request part too ("query.limit" instead of "limit"), as some APIs always did */
  prefixFields?: boolean;
}

// the order the parts are checked in: the first invalid part answers
const PARTS = ['params', 'query', 'body'] as const;

export function validate<S extends RequestSchemas>(
  schemas: S,
  options: ValidateOptions = {},
): RequestHandler<Parsed<S['params'], Request['params']>, any, Parsed<S['body'], unknown>, Parsed<S['query'], Request['query']>> {
  return (req, _res, next) => {
    for (const part of PARTS) {
      const schema = schemas[part];
      if (!schema) continue;
      const parsed = schema.safeParse(req[part]);
      if (!parsed.success) throw inputErrorFromZod(parsed.error, options.prefixFields ? part : '');
      // express 5's req.query is a getter over the URL: shadow it on this request with the parsed value
      Object.defineProperty(req, part, { value: parsed.data, writable: true, configurable: true, enumerable: true });
    }
    next();
  };
}

/** A body schema that reads a missing body as {}, so each missing field is named rather than the body. */
export function bodyOrEmpty<S extends z.ZodType>(schema: S) {
  return z.preprocess((body) => body ?? {}, schema);
}
