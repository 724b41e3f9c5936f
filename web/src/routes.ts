import { defineAsyncComponent, type Component } from 'vue';
import SignIn from './views/SignIn.vue';
import Societies from './views/Societies.vue';
import Home from './views/Home.vue';
import { casesRoutes } from './cases/routes';
import { votesRoutes } from './votes/routes';
import { disclosuresRoutes } from './disclosures/routes';
import { fundRoutes } from './fund/routes';
import { leadsRoutes } from './leads/routes';

// Every screen of the console: its address under /app and its component; each area of the console
// (cases/, votes/, disclosures/, fund/) lists its own in its routes.ts. `:sid` and other id parameters
// match UUIDs (router.ts); each parameter reaches the screen as a string prop of the same name.

export interface ScreenRoute {
  name: string;
  path: string;
  component: Component;
  /** Open without a session (only sign-in). */
  public?: boolean;
}

/**
 * A screen loaded when first opened (its own chunk), so the first screen is quick on a slow phone
 * network: `component: lazy(() => import('./CaseList.vue'))`. A function declaration, not a const:
 * the areas' routes.ts call it while this module is still importing them (a cycle), when only a
 * hoisted function is ready.
 */
export function lazy(load: () => Promise<{ default: Component }>): Component {
  return defineAsyncComponent({ loader: load, delay: 0 });
}

export const ROUTES: ScreenRoute[] = [
  { name: 'signin', path: '/signin', component: SignIn, public: true },
  { name: 'societies', path: '/societies', component: Societies },
  { name: 'home', path: '/s/:sid', component: Home },
  ...casesRoutes,
  ...votesRoutes,
  ...disclosuresRoutes,
  ...fundRoutes,
  ...leadsRoutes,
];

export type RouteName = string;
