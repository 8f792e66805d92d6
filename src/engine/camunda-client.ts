// The only place that knows the Camunda SDK's addresses and auth settings.
import { Camunda8 } from '@camunda8/sdk';
import type { Config } from '../config.ts';

export type CamundaClients = {
  c8: Camunda8;
  zeebe: ReturnType<Camunda8['getZeebeGrpcApiClient']>;
  rest: ReturnType<Camunda8['getCamundaRestClient']>;
  close(): Promise<void>;
};

export function createCamundaClients(config: Config): CamundaClients {
  const local = config.localEngine;
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: config.grpcAddress,
    ZEEBE_REST_ADDRESS: config.restAddress,
    CAMUNDA_OPERATE_BASE_URL: config.operateUrl,
    CAMUNDA_TASKLIST_BASE_URL: config.tasklistUrl,
    CAMUNDA_SECURE_CONNECTION: local ? false : undefined,
    // The local engine runs without API authentication (see src/engine/local-engine.ts);
    // for an external cluster the SDK reads its standard variables (OAuth included).
    CAMUNDA_AUTH_STRATEGY: config.CAMUNDA_AUTH_STRATEGY ?? (local ? 'NONE' : undefined),
    CAMUNDA_OAUTH_DISABLED: local ? true : undefined,
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_EAGER_CONNECT: false },
  } as ConstructorParameters<typeof Camunda8>[0]);
  const zeebe = c8.getZeebeGrpcApiClient();
  const rest = c8.getCamundaRestClient();
  return {
    c8,
    zeebe,
    rest,
    async close() {
      await zeebe.close();
    },
  };
}
