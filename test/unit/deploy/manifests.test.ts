// Lint of the reference production deployment (deploy/, docs/production.md), offline:
//  1. every manifest parses and validates against the Kubernetes OpenAPI schemas that the npm
//     package kubernetes-models ships compiled (no network, no cluster);
//  2. where those schemas are lenient (Kubernetes' OpenAPI allows unknown fields, so a misspelt
//     optional field such as `readinesProbe` would pass), the fields the manifests use are checked
//     against allow-lists typed by the same package's interfaces;
//  3. the project's facts: env names are variables of src/config.ts, references resolve, the engine
//     runs ≥ 2 replicas with probes on a path that answers without a login, no secret sits in a
//     ConfigMap, the documentation's configuration table names every variable.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IDeploymentSpec } from 'kubernetes-models/apps/v1/DeploymentSpec';
import type { IDeploymentStrategy } from 'kubernetes-models/apps/v1/DeploymentStrategy';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IJobSpec } from 'kubernetes-models/batch/v1/JobSpec';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { Secret } from 'kubernetes-models/v1/Secret';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { Service } from 'kubernetes-models/v1/Service';
import { projectRoot } from '../../../src/config.ts';

const deployDir = path.join(projectRoot, 'deploy');
const manifestDir = path.join(deployDir, 'kubernetes');
const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// The manifests

type Obj = Record<string, unknown>;
interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  body: Obj;
}

const models: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const manifestFiles = readdirSync(manifestDir).filter((f) => f.endsWith('.yaml')).sort();

function loadManifests(): Manifest[] {
  const all: Manifest[] = [];
  for (const file of manifestFiles) {
    if (file === 'kustomization.yaml') continue;
    for (const doc of parseAllDocuments(readFileSync(path.join(manifestDir, file), 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      const body = doc.toJS() as Obj | null;
      if (!body) continue;
      const metadata = body.metadata as { name?: string } | undefined;
      all.push({ file, apiVersion: String(body.apiVersion), kind: String(body.kind), name: String(metadata?.name), body });
    }
  }
  return all;
}

const manifests = loadManifests();
const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
};

interface Workload {
  manifest: Manifest;
  podSpec: IPodSpec;
  podLabels: Record<string, string>;
}

function workloads(): Workload[] {
  return manifests
    .filter((m) => m.kind === 'Deployment' || m.kind === 'Job')
    .map((manifest) => {
      const template = (manifest.body.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: IPodSpec } }).template;
      return { manifest, podSpec: template.spec, podLabels: template.metadata?.labels ?? {} };
    });
}

const containersOf = (w: Workload) => [...(w.podSpec.initContainers ?? []), ...w.podSpec.containers];
/** The TypeScript side's image (web app, workers, jobs) reads its settings through src/config.ts. */
const isAppContainer = (c: IContainer) => /\/yingsu\/app:/.test(c.image ?? '');
const isEngineContainer = (c: IContainer) => /\/yingsu\/engine:/.test(c.image ?? '');

// ---------------------------------------------------------------------------------------------
// Project facts read from the sources

/** The variable names of src/config.ts's schema, read from its text (the schema is not exported). */
function configVariables(): Set<string> {
  const source = read('src/config.ts');
  const block = /const ConfigSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!block) throw new Error('src/config.ts: ConfigSchema = z.object({...}) not found');
  return new Set([...block.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
}
const configKeys = configVariables();

function configMapData(name: string): Record<string, string> {
  return (named('ConfigMap', name).body.data ?? {}) as Record<string, string>;
}
function secretKeys(name: string): string[] {
  const body = named('Secret', name).body;
  return Object.keys({ ...((body.data ?? {}) as Obj), ...((body.stringData ?? {}) as Obj) });
}

/** Every variable a container gets: its env entries and the keys of the ConfigMaps/Secrets it imports whole. */
function environmentOf(c: IContainer): string[] {
  const names = (c.env ?? []).map((e) => e.name);
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef?.name) names.push(...Object.keys(configMapData(from.configMapRef.name)).map((k) => (from.prefix ?? '') + k));
    if (from.secretRef?.name) names.push(...secretKeys(from.secretRef.name).map((k) => (from.prefix ?? '') + k));
  }
  return names;
}

/** The engine's production overrides: the Spring configuration file inside yingsu-engine-config. */
const engineOverrides = parseYaml(configMapData('yingsu-engine-config')['yingsu-production.yaml'] ?? '') as Obj;
const packagedEngineConfig = parseYaml(read('engine/src/main/resources/application.yaml')) as Obj;

function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Obj).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}
function at(value: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), value);
}

/**
 * Spring properties the production file adds beyond the packaged application.yaml. Spring ignores
 * an unknown key without a word, so each addition is listed here, and each was seen taking effect
 * on the engine app (docs/production.md, "What was checked").
 */
const engineAdditions = new Set([
  'server.forward-headers-strategy',
  'server.shutdown',
  'spring.lifecycle.timeout-per-shutdown-phase',
  'operaton.bpm.job-execution.deployment-aware',
  'operaton.bpm.webapp.session-cookie.enable-secure-cookie',
  'operaton.bpm.webapp.csrf.enable-secure-cookie',
  'operaton.bpm.generic-properties.properties.historyCleanupBatchWindowStartTime',
  'operaton.bpm.generic-properties.properties.historyCleanupBatchWindowEndTime',
]);

/** Spring's relaxed environment name of a property: operaton.bpm.admin-user.id → OPERATON_BPM_ADMINUSER_ID. */
const springEnvName = (property: string) => property.replace(/-/g, '').replace(/\./g, '_').toUpperCase();
/** Environment variables the engine container may set: relaxed names of packaged properties, plus the JVM's and Spring's own. */
const engineEnvAllowed = new Set([
  ...leafPaths(packagedEngineConfig).map(springEnvName),
  ...[...engineAdditions].map(springEnvName),
  'JAVA_TOOL_OPTIONS',
  'SPRING_CONFIG_ADDITIONALLOCATION',
]);

/** `npm run` scripts the manifests need that package.json does not have yet (docs/production.md, "Entry points"): none now. */
const pendingScripts = new Set<string>();
const packageScriptLines = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
const packageScripts = new Set(Object.keys(packageScriptLines));

const secretLikeKey = /PASSWORD|SECRET|TOKEN|PRIVATE|CREDENTIAL|API_?KEY/i;
const credentialsInUrl = /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

// Keys the manifests may use at the levels where a misspelling would silently do nothing. The
// lists are typed by kubernetes-models' interfaces, so a name that is not a Kubernetes field does
// not compile; a field the manifests start to use is added here.
const allow =
  <T>() =>
  <K extends keyof T & string>(...keys: K[]) =>
    new Set<string>(keys);
const allowed: Record<string, Set<string>> = {
  DeploymentSpec: allow<IDeploymentSpec>()('replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'template'),
  DeploymentStrategy: allow<IDeploymentStrategy>()('type', 'rollingUpdate'),
  JobSpec: allow<IJobSpec>()('backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'template'),
  PodSpec: allow<IPodSpec>()('containers', 'initContainers', 'restartPolicy', 'securityContext', 'terminationGracePeriodSeconds', 'topologySpreadConstraints', 'volumes'),
  PodSecurityContext: allow<IPodSecurityContext>()('runAsNonRoot', 'runAsUser', 'runAsGroup', 'seccompProfile'),
  Container: allow<IContainer>()(
    'name',
    'image',
    'command',
    'args',
    'ports',
    'env',
    'envFrom',
    'startupProbe',
    'readinessProbe',
    'livenessProbe',
    'resources',
    'securityContext',
    'volumeMounts',
  ),
  Probe: allow<IProbe>()('httpGet', 'tcpSocket', 'initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'),
  SecurityContext: allow<ISecurityContext>()('allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities'),
};

function unknownKeys(level: string, value: object | undefined): string[] {
  if (!value) return [];
  return Object.keys(value)
    .filter((k) => !allowed[level]!.has(k))
    .map((k) => `${level}.${k}`);
}

function quantityBytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(q);
  if (!m) throw new Error(`not a memory quantity: ${q}`);
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
}

// ---------------------------------------------------------------------------------------------

describe('deploy/kubernetes: Kubernetes schemas (kubernetes-models, offline)', () => {
  it('has the manifests of every part of the deployment', () => {
    expect(manifestFiles).toEqual(
      expect.arrayContaining(['config.yaml', 'engine.yaml', 'ingress.yaml', 'kustomization.yaml', 'migrate-deploy-job.yaml', 'secret.example.yaml', 'web.yaml', 'workers.yaml']),
    );
    const kinds = new Set(manifests.map((m) => m.kind));
    for (const kind of ['Deployment', 'Service', 'Ingress', 'Job', 'ConfigMap', 'Secret']) expect(kinds, kind).toContain(kind);
  });

  it.each(manifests.map((m) => [`${m.file}: ${m.kind} ${m.name}`, m] as const))('%s validates', (_label, m) => {
    const Model = models[`${m.apiVersion}/${m.kind}`];
    expect(Model, `no schema for ${m.apiVersion} ${m.kind}: add it to the test's models`).toBeDefined();
    const { apiVersion: _a, kind: _k, ...data } = m.body;
    expect(() => new Model!(data as never).validate()).not.toThrow();
  });

  it('the schema check is live: it rejects a wrong type and missing required fields', () => {
    const engine = named('Deployment', 'yingsu-engine').body;
    const broken = (patch: (spec: Obj) => void) => {
      const copy = structuredClone(engine) as Obj;
      patch(copy.spec as Obj);
      const { apiVersion: _a, kind: _k, ...data } = copy;
      return () => new Deployment(data as never).validate();
    };
    expect(broken((spec) => (spec.replicas = 'two'))).toThrow(/replicas/);
    expect(broken((spec) => delete spec.selector)).toThrow(/selector/);
    expect(broken((spec) => ((spec.template as { spec: IPodSpec }).spec.containers[0]!.name = undefined as never))).toThrow(/name/);
  });

  it('uses only known fields where the schemas would let a misspelling through', () => {
    const problems: string[] = [];
    for (const w of workloads()) {
      const spec = w.manifest.body.spec as Obj;
      problems.push(...unknownKeys(w.manifest.kind === 'Job' ? 'JobSpec' : 'DeploymentSpec', spec));
      problems.push(...unknownKeys('DeploymentStrategy', spec.strategy as object | undefined));
      problems.push(...unknownKeys('PodSpec', w.podSpec));
      problems.push(...unknownKeys('PodSecurityContext', w.podSpec.securityContext));
      for (const c of containersOf(w)) {
        problems.push(...unknownKeys('Container', c));
        problems.push(...unknownKeys('SecurityContext', c.securityContext));
        for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) problems.push(...unknownKeys('Probe', probe));
      }
    }
    expect(problems).toEqual([]);
  });

  it('kustomization.yaml applies every manifest but the Secret example and the per-release Job', () => {
    const kustomization = parseYaml(readFileSync(path.join(manifestDir, 'kustomization.yaml'), 'utf8')) as { resources: string[]; namespace: string };
    const expected = manifestFiles.filter((f) => !['kustomization.yaml', 'secret.example.yaml', 'migrate-deploy-job.yaml'].includes(f));
    expect([...kustomization.resources].sort()).toEqual(expected);
    for (const m of manifests.filter((m) => m.kind !== 'Namespace')) {
      expect((m.body.metadata as { namespace?: string }).namespace, `${m.file}: ${m.kind} ${m.name}`).toBe(kustomization.namespace);
    }
  });
});

describe('deploy/kubernetes: project facts', () => {
  it('src/config.ts is read (the variable list the checks below rely on)', () => {
    for (const key of ['DATABASE_URL', 'HOST', 'PORT', 'ENGINE_REST_URL', 'ENGINE_USER', 'ENGINE_PASSWORD', 'ENGINE_HEAP']) expect(configKeys).toContain(key);
  });

  it('every variable the web app, workers and jobs get is a variable of src/config.ts', () => {
    const unknown: string[] = [];
    for (const w of workloads()) {
      for (const c of containersOf(w).filter(isAppContainer)) {
        for (const name of environmentOf(c)) if (!configKeys.has(name)) unknown.push(`${w.manifest.name}/${c.name}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
    // the app's ConfigMap and Secret hold nothing else either
    for (const key of [...Object.keys(configMapData('yingsu-app-config')), ...secretKeys('yingsu-app-secrets')]) expect(configKeys, key).toContain(key);
  });

  it('the engine gets only Spring relaxed names of its properties, the JVM options and the config location', () => {
    const engines = workloads().flatMap((w) => containersOf(w).filter(isEngineContainer));
    expect(engines).toHaveLength(1);
    const names = environmentOf(engines[0]!);
    expect(names.filter((n) => !engineEnvAllowed.has(n))).toEqual([]);
    expect(names).toContain('SPRING_DATASOURCE_PASSWORD');
    expect(names).toContain('OPERATON_BPM_ADMINUSER_PASSWORD');
  });

  it("the engine's production file overrides packaged keys or the listed, checked additions only", () => {
    const unknown = leafPaths(engineOverrides).filter((p) => at(packagedEngineConfig, p) === undefined && !engineAdditions.has(p));
    expect(unknown).toEqual([]);
    expect(at(engineOverrides, 'operaton.bpm.database.schema-update')).toBe(false);
    expect(at(engineOverrides, 'operaton.bpm.job-execution.deployment-aware')).toBe(false);
    expect(at(engineOverrides, 'server.address')).toBe('0.0.0.0');
    const mount = engines()[0]!.volumeMounts?.find((v) => v.name === 'config');
    const location = engines()[0]!.env?.find((e) => e.name === 'SPRING_CONFIG_ADDITIONALLOCATION')?.value;
    expect(location).toBe(`file:${mount?.mountPath}/yingsu-production.yaml`);
  });

  it('every configMapKeyRef, secretKeyRef, envFrom and volume names a ConfigMap or Secret key that exists', () => {
    const missing: string[] = [];
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        for (const e of c.env ?? []) {
          const cm = e.valueFrom?.configMapKeyRef;
          if (cm && !(cm.key in configMapData(cm.name!))) missing.push(`${c.name}: ConfigMap ${cm.name} ${cm.key}`);
          const s = e.valueFrom?.secretKeyRef;
          if (s && !secretKeys(s.name!).includes(s.key)) missing.push(`${c.name}: Secret ${s.name} ${s.key}`);
        }
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) configMapData(from.configMapRef.name!);
          if (from.secretRef) secretKeys(from.secretRef.name!);
        }
        for (const mount of c.volumeMounts ?? []) {
          if (!w.podSpec.volumes?.some((v) => v.name === mount.name)) missing.push(`${c.name}: volume ${mount.name}`);
        }
      }
      for (const v of w.podSpec.volumes ?? []) if (v.configMap) configMapData(v.configMap.name!);
    }
    expect(missing).toEqual([]);
  });

  it('runs at least 2 engine nodes, 2 web app and 2 worker replicas, rolling one at a time', () => {
    for (const name of ['yingsu-engine', 'yingsu-web', 'yingsu-workers']) {
      const spec = named('Deployment', name).body.spec as IDeploymentSpec;
      expect(spec.replicas, name).toBeGreaterThanOrEqual(2);
      expect(spec.strategy?.rollingUpdate?.maxUnavailable, name).toBe(0);
    }
    for (const name of ['yingsu-engine', 'yingsu-web']) expect((named('PodDisruptionBudget', name).body.spec as { minAvailable: number }).minAvailable).toBe(1);
  });

  it('probes the engine on a path that answers without a login, and the web app on /healthz', () => {
    const engine = engines()[0]!;
    for (const probe of [engine.startupProbe, engine.readinessProbe, engine.livenessProbe]) {
      // /engine-rest/version needs basic auth (401 to a probe); /engine-rest/engine answers 200
      expect(probe?.httpGet?.path).toBe('/engine-rest/engine');
    }
    const web = containerOf('yingsu-web');
    expect(web.readinessProbe?.httpGet?.path).toBe('/healthz');
    // liveness must not depend on the database or the engine: a restart would not cure them
    expect(web.livenessProbe?.tcpSocket).toBeDefined();
    // the workers serve no port: no probe until they get a heartbeat (docs/production.md)
    expect(containerOf('yingsu-workers').readinessProbe).toBeUndefined();
    // every probe names a port the container declares
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        const ports = new Set((c.ports ?? []).flatMap((p) => [p.name, p.containerPort]));
        for (const probe of [c.startupProbe, c.readinessProbe, c.livenessProbe]) {
          const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
          if (port !== undefined) expect(ports, `${w.manifest.name}/${c.name}`).toContain(port);
        }
      }
    }
  });

  it('sets requests and limits everywhere, and gives the engine room above its heap', () => {
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        for (const kind of ['requests', 'limits'] as const) {
          for (const resource of ['cpu', 'memory']) expect(c.resources?.[kind]?.[resource], `${w.manifest.name} ${kind}.${resource}`).toBeDefined();
        }
      }
    }
    const engine = engines()[0]!;
    const options = engine.env?.find((e) => e.name === 'JAVA_TOOL_OPTIONS')?.value ?? '';
    const heap = /-Xmx(\d+[mg])/.exec(options)?.[1];
    // the heap the launcher measured with (ENGINE_HEAP's default) is the heap production starts with
    expect(heap).toBe(/ENGINE_HEAP:[^\n]*\.default\('(\d+[mg])'\)/.exec(read('src/config.ts'))?.[1]);
    expect(options).toContain('-Duser.timezone=Asia/Shanghai');
    const heapBytes = quantityBytes(heap!.replace(/m$/, 'Mi').replace(/g$/, 'Gi'));
    const limit = quantityBytes(String(engine.resources?.limits?.memory));
    const request = quantityBytes(String(engine.resources?.requests?.memory));
    // measured RSS 250–420 MB with -Xmx384m: the request covers the steady state, the limit the peak
    expect(request).toBeGreaterThanOrEqual(420 * 2 ** 20);
    expect(limit).toBeGreaterThanOrEqual(heapBytes * 1.75);
  });

  it('keeps secrets out of ConfigMaps, and only placeholders in the Secret example', () => {
    for (const cm of ofKind('ConfigMap')) {
      for (const [key, value] of Object.entries((cm.body.data ?? {}) as Record<string, string>)) {
        expect(key, `${cm.name}: ${key}`).not.toMatch(secretLikeKey);
        expect(value, `${cm.name}: ${key}`).not.toMatch(credentialsInUrl);
      }
    }
    const engineKeys = leafPaths(engineOverrides);
    expect(engineKeys.filter((k) => /password|secret/i.test(k))).toEqual([]);
    for (const secret of ofKind('Secret')) {
      expect(secret.file).toBe('secret.example.yaml');
      for (const [key, value] of Object.entries((secret.body.stringData ?? {}) as Record<string, string>)) {
        if (secretLikeKey.test(key) || credentialsInUrl.test(value)) expect(value, `${secret.name}: ${key}`).toContain('REPLACE-ME');
      }
      expect(secret.body.data, 'the example holds no encoded values').toBeUndefined();
    }
  });

  it('Services select a workload and target a port it declares; Ingresses route to Services and keep the REST API inside', () => {
    const all = workloads();
    for (const service of ofKind('Service')) {
      const spec = service.body.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const target = all.find((w) => Object.entries(spec.selector).every(([k, v]) => w.podLabels[k] === v));
      expect(target, `Service ${service.name}`).toBeDefined();
      const ports = new Set(containersOf(target!).flatMap((c) => (c.ports ?? []).flatMap((p) => [p.name, p.containerPort])));
      for (const p of spec.ports) expect(ports, `Service ${service.name}`).toContain(p.targetPort);
    }
    const services = new Map(ofKind('Service').map((s) => [s.name, s.body.spec as { ports: { name?: string; port: number }[] }]));
    for (const ingress of ofKind('Ingress')) {
      const spec = ingress.body.spec as { tls?: { hosts: string[]; secretName: string }[]; rules: { host: string; http: { paths: { path: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[] };
      for (const rule of spec.rules) {
        expect(spec.tls?.some((t) => t.hosts.includes(rule.host)), `${ingress.name}: TLS for ${rule.host}`).toBe(true);
        for (const p of rule.http.paths) {
          expect(p.path.startsWith('/engine-rest'), `${ingress.name}: ${p.path}`).toBe(false);
          const svc = services.get(p.backend.service.name);
          expect(svc, `${ingress.name}: Service ${p.backend.service.name}`).toBeDefined();
          expect(svc!.ports.some((sp) => sp.name === p.backend.service.port.name || sp.port === p.backend.service.port.number)).toBe(true);
        }
      }
    }
  });

  it("pins a browser to one engine node for the web apps' login session (cookie affinity)", () => {
    const ingress = named('Ingress', 'yingsu-engine-webapps');
    const annotations = (ingress.body.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(annotations['nginx.ingress.kubernetes.io/affinity-mode']).toBe('persistent');
    const backends = JSON.stringify(ingress.body.spec);
    expect(backends).toContain('"yingsu-engine"');
  });

  it('the migration Job runs `npm run migrate && npm run deploy`; every npm script named exists or is a listed pending entry point', () => {
    const job = named('Job', 'yingsu-migrate-deploy');
    const command = ((job.body.spec as { template: { spec: IPodSpec } }).template.spec.containers[0]!.command ?? []).join(' ');
    expect(command).toContain('npm run migrate && npm run deploy');
    const named_: string[] = [];
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        const line = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
        named_.push(...[...line.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
      }
    }
    for (const script of named_) expect(packageScripts.has(script) || pendingScripts.has(script), `npm run ${script}`).toBe(true);
    expect(named_).toEqual(expect.arrayContaining(['serve:web', 'serve:workers', 'migrate', 'deploy']));
    // and the file each one runs is in the repository
    for (const script of named_.filter((s) => packageScripts.has(s))) {
      const file = /tsx (scripts\/[\w./-]+\.ts)/.exec(packageScriptLines[script]!)?.[1];
      expect(file, `npm run ${script} runs a script under scripts/`).toBeDefined();
      expect(existsSync(path.join(projectRoot, file!)), `${file} exists`).toBe(true);
    }
    // a pending entry point that has arrived leaves the list (and the doc's "Entry points")
    for (const script of pendingScripts) expect(packageScripts.has(script), `${script} exists now: drop it from pendingScripts`).toBe(false);
  });
});

describe('deploy/*.Dockerfile and docs/production.md', () => {
  it('the engine image runs the jar the engine build produces, on Java 17, as a non-root user', () => {
    const dockerfile = readFileSync(path.join(deployDir, 'engine.Dockerfile'), 'utf8');
    const finalName = /<finalName>([^<]+)<\/finalName>/.exec(read('engine/pom.xml'))?.[1];
    expect(dockerfile).toMatch(/^FROM eclipse-temurin:17-jre$/m);
    expect(dockerfile).toContain(`COPY --chown=10001:10001 engine/target/${finalName}.jar`);
    expect(dockerfile).toMatch(/^USER 10001$/m);
    expect(named('Deployment', 'yingsu-engine').body.spec).toMatchObject({ template: { spec: { securityContext: { runAsUser: 10001 } } } });
  });

  it('the app image is Node 24 with Chromium and the CJK fonts the documents need', () => {
    const dockerfile = readFileSync(path.join(deployDir, 'app.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24[-\w.]*$/m);
    expect(dockerfile).toContain('chromium');
    expect(dockerfile).toContain('fonts-noto-cjk');
    expect(dockerfile).toContain('npm ci --omit=dev');
  });

  it("the doc's configuration table names every variable of src/config.ts and every variable the manifests set", () => {
    const doc = read('docs/production.md');
    const missing = [...configKeys].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing, 'variables of src/config.ts missing from docs/production.md').toEqual([]);
    const engineVars = engines().flatMap(environmentOf);
    expect(engineVars.filter((k) => !doc.includes(`\`${k}\``)), 'engine variables missing from docs/production.md').toEqual([]);
    const properties = leafPaths(engineOverrides).filter((p) => !doc.includes(`\`${p}\``));
    expect(properties, 'engine properties missing from docs/production.md').toEqual([]);
  });
});

function engines(): IContainer[] {
  return workloads().flatMap((w) => containersOf(w).filter(isEngineContainer));
}
function containerOf(deployment: string): IContainer {
  const w = workloads().find((x) => x.manifest.kind === 'Deployment' && x.manifest.name === deployment);
  if (!w) throw new Error(`no Deployment ${deployment}`);
  return w.podSpec.containers[0]!;
}
