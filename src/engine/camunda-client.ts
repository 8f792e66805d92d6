// The only place that knows the Camunda SDK's addresses and auth settings.
// Production: the SDK's standard variables (OAuth included). Local engine: no API auth on gRPC,
// and the 8.6 web session cookie on the REST, Operate and Tasklist APIs (see web-session.ts).
import { Camunda8 } from '@camunda8/sdk';
import type { Config } from '../config.ts';
import { sessionCookieProvider } from './web-session.ts';

export type CamundaClients = {
  c8: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  rest: ReturnType<Camunda8['getCamundaRestClient']>;
  operate: ReturnType<Camunda8['getOperateApiClient']>;
  tasklist: ReturnType<Camunda8['getTasklistApiClient']>;
  /** fetch() against the REST address with the same authentication the SDK uses */
  restFetch(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
};

export function createCamundaClients(config: Config): CamundaClients {
  const local = config.localEngine;
  const session = local ? sessionCookieProvider(config.restAddress, config.CAMUNDA_WEB_USER, config.CAMUNDA_WEB_PASSWORD) : undefined;
  const middleware = session
    ? [
        async (options: { headers: Record<string, string | string[] | undefined> }) => {
          delete options.headers.authorization;
          options.headers.cookie = await session.cookie();
        },
      ]
    : undefined;
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.grpcAddress,
    ZEEBE_REST_ADDRESS: config.restAddress,
    CAMUNDA_OPERATE_BASE_URL: config.operateApiUrl,
    CAMUNDA_TASKLIST_BASE_URL: config.tasklistApiUrl,
    ...(local
      ? { CAMUNDA_SECURE_CONNECTION: false, CAMUNDA_AUTH_STRATEGY: 'NONE', CAMUNDA_OAUTH_DISABLED: true, middleware }
      : config.CAMUNDA_AUTH_STRATEGY
        ? { CAMUNDA_AUTH_STRATEGY: config.CAMUNDA_AUTH_STRATEGY }
        : {}),
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const zeebe = c8.getZeebeGrpcApiClient();
  const rest = c8.getCamundaRestClient();
  return {
    c8,
    zeebe,
    rest,
    operate: c8.getOperateApiClient(),
    tasklist: c8.getTasklistApiClient(),
    async restFetch(pathAndQuery, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('content-type') && init.body) headers.set('content-type', 'application/json');
      if (session) headers.set('cookie', await session.cookie());
      const res = await fetch(`${config.restAddress}${pathAndQuery}`, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(15_000) });
      if (res.status === 401 && session) session.invalidate();
      return res;
    },
    async close() {
      await zeebe.close();
    },
  };
}
