// The routes of an Express app as it registered them ("METHOD /mount/path") with the access their
// handlers declare (src/http/access.ts). Used by the authorisation matrix and the hostile-input
// tests, so a route added to the app is walked by both without a list kept by hand.
import type { Express } from 'express';
import type { AccessPolicy } from '../../src/http/access.ts';

export interface RegisteredRoute {
  /** "GET /api/cases/:id" */
  key: string;
  method: string;
  /** the path pattern with its mount point: "/api/cases/:id" */
  path: string;
  policies: AccessPolicy[];
}

/** Every route of the app with the access its handlers declare. */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const policies = layer.route.stack.map((l: any) => l.handle?.accessPolicy).filter(Boolean);
        for (const method of Object.keys(layer.route.methods)) {
          const path = `${prefix}${layer.route.path}`;
          routes.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, policies });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + mountPath(layer));
      }
    }
  };
  walk((app as any).router.stack, '');
  return routes;
}

/** The path a router is mounted at (express 5 keeps the matcher only): '/api' or ''. */
function mountPath(layer: any): string {
  for (const candidate of ['/api', '/auth', '']) if (layer.matchers?.[0]?.(`${candidate}/x`)) return candidate;
  return '';
}

/** The names of a path pattern's parameters: "/api/cases/:id/events" → ["id"]. */
export const pathParams = (path: string): string[] => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
