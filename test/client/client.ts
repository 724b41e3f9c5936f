import createClient from 'openapi-fetch';
import type { paths } from '../../web/src/api/schema';

/** The typed client a console would use: routes, bodies and answers all come from the document. */
export function huzhuClient(baseUrl: string, token?: string) {
  return createClient<paths>({
    baseUrl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

export type HuzhuClient = ReturnType<typeof huzhuClient>;
