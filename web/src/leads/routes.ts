import { defineAsyncComponent } from 'vue';
import type { ScreenRoute } from '../routes';

// A lead from a monitoring platform (主动发现): the collector's or secretary's look at it, then a draft
// case or a dismissal. One tap from the home screen's 线索. (Not `lazy` from ../routes: routes.ts imports
// this file, so a value from it is not yet defined while this one runs — the cycle would stop the console.)
export const leadsRoutes: ScreenRoute[] = [
  {
    name: 'lead',
    path: '/s/:sid/leads/:leadId',
    component: defineAsyncComponent({ loader: () => import('./LeadDetail.vue'), delay: 0 }),
  },
];
