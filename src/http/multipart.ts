// File uploads (multipart/form-data) for the routes that take files: multer in memory with limits,
// and its refusals turned into 400s that name the field, like every other bad input.
import type { RequestHandler } from 'express';
import multer from 'multer';
import { InputError } from '../errors.ts';

export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

export interface UploadLimits {
  maxFiles: number;
  maxBytes: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Takes up to `maxFiles` files in the multipart field `field` (req.files); nothing else. */
export function uploadFiles(field: string, limits: UploadLimits): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: limits.maxBytes, files: limits.maxFiles + 1, fields: 10, fieldSize: 10_000 } }).array(field, limits.maxFiles);
  return (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) {
        const message =
          error.code === 'LIMIT_FILE_SIZE'
            ? `文件过大（每个文件最多 ${mb(limits.maxBytes)}）`
            : (error.code === 'LIMIT_UNEXPECTED_FILE' && error.field === field) || error.code === 'LIMIT_FILE_COUNT'
              ? `文件过多（最多 ${limits.maxFiles} 个）`
              : error.code === 'LIMIT_UNEXPECTED_FILE'
                ? `文件应放在表单字段 ${field} 中（收到字段 ${error.field}）`
                : `上传的表单不符合要求：${error.message}`;
        return next(new InputError([{ field, message }]));
      }
      // a broken multipart body (busboy): the client's fault
      return next(new InputError([{ field, message: `上传的表单无法读取：${(error as Error).message}` }]));
    });
  };
}

/** The files uploadFiles took (none when the request was not multipart). */
export function uploadedFiles(files: unknown): UploadedFile[] {
  return Array.isArray(files) ? files.map((f: Express.Multer.File) => ({ fileName: f.originalname, content: f.buffer })) : [];
}
