// Serves the workspace (web/dist, built by scripts/build-web.ts) at /: hashed assets cached for a
// year, index.html never cached, and every other non-API GET answered with index.html so the
// browser's router handles deep links (/cases/…, /tasks). The page has no inline script, so a
// strict Content-Security-Policy (script-src 'self') holds.
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const webDistDirectory = join(import.meta.dirname, '..', '..', 'web', 'dist');

export function webAppRoutes(distDir = webDistDirectory): Router {
  const router = Router();
  const index = join(distDir, 'index.html');
  router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // an asset of an older build: a plain 404, not the page
  router.use('/assets', (_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('没有该文件\n');
  });
  router.use(express.static(distDir, { index: false, maxAge: '1h' }));
  // a middleware, not a route: the page is no API route (the authorisation matrix lists those)
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/api(\/|$)/.test(req.path) || !req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('工作台尚未构建：请运行 npm run build:web（或重新运行 npm install / npm start）。\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    res.sendFile(index);
  });
  return router;
}
