// Unit tier: how the app serves the built workspace (src/http/web-app.ts) — on a dist folder the
// test writes, so it does not depend on a build.
import express from 'express';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { webAppRoutes } from '../../../src/http/web-app.ts';

function appOn(dist: string) {
  const app = express();
  app.get('/api/ping', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(webAppRoutes(dist));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND' } });
  });
  return app;
}

const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><html lang="zh-CN"><script type="module" src="/assets/index-abc123.js"></script></html>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');

describe('the workspace served by the app', () => {
  it('answers / and deep links with index.html, never cached', async () => {
    for (const path of ['/', '/cases/2b1f0c8e-6f1e-4c55-9d77-1f1f1f1f1f1f', '/tasks']) {
      const res = await request(appOn(dist)).get(path).set('accept', 'text/html');
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('lang="zh-CN"');
      expect(res.headers['cache-control']).toContain('no-store');
    }
  });

  it('caches the hashed assets for a year and answers a missing asset 404, not the page', async () => {
    const app = appOn(dist);
    const asset = await request(app).get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect((await request(app).get('/assets/missing.js')).status).toBe(404);
  });

  it('leaves /api to the API: an unknown API path is a JSON 404', async () => {
    const res = await request(appOn(dist)).get('/api/nothing-here').set('accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await request(appOn(dist)).get('/api/ping')).body).toEqual({ ok: true });
  });

  it('says in one Chinese sentence how to build when web/dist is missing', async () => {
    const res = await request(appOn(join(dist, 'nothing'))).get('/').set('accept', 'text/html');
    expect(res.status).toBe(503);
    expect(res.text).toContain('npm run build:web');
  });
});
