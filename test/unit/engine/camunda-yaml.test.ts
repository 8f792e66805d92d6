import { describe, expect, it } from 'vitest';
import { camundaYaml } from '../../../src/engine/local-engine.ts';
import { storageFor } from '../../../src/engine/engine-pin.ts';

const base = { version: '8.6.0', dataDir: '/tmp/data', user: 'demo', password: 'demo' } as const;

describe('local engine configuration', () => {
  it('chooses the secondary storage by version: OpenSearch before 8.9, PostgreSQL from 8.9', () => {
    expect(storageFor('8.6.0')).toBe('opensearch');
    expect(storageFor('8.8.9')).toBe('opensearch');
    expect(storageFor('8.9.0')).toBe('rdbms');
    expect(storageFor('8.10.6')).toBe('rdbms');
  });

  it('binds everything to loopback, exports to OpenSearch and sets the clock flag (8.6)', () => {
    const yaml = camundaYaml({ ...base, clockControlled: true, storage: 'opensearch' });
    expect(yaml).toContain('server: {address: 127.0.0.1, port: 8080}');
    expect(yaml).toContain('management: {server: {address: 127.0.0.1, port: 9600}}');
    expect(yaml).toContain('network: {host: 127.0.0.1}');
    expect(yaml).toContain('clock: {controlled: true}');
    expect(yaml).toContain('className: io.camunda.zeebe.exporter.opensearch.OpensearchExporter');
    expect(yaml).toMatch(/tasklist:[\s\S]*archiverEnabled: false/);
    expect(yaml).not.toContain('rdbms');
    expect(camundaYaml({ ...base, clockControlled: false, storage: 'opensearch' })).toContain('clock: {controlled: false}');
  });

  it('points 8.9+ at its own PostgreSQL database with a local login', () => {
    const yaml = camundaYaml({ ...base, version: '8.9.26', clockControlled: false, storage: 'rdbms', secondaryDbUrl: 'postgres://postgres@127.0.0.1:5432/camunda_dev' });
    expect(yaml).toContain('type: rdbms');
    expect(yaml).toContain('url: "jdbc:postgresql://127.0.0.1:5432/camunda_dev"');
    expect(yaml).toContain('users: [{username: demo, password: demo');
    expect(yaml).not.toContain('OpensearchExporter');
  });
});
