import { lazy, type ScreenRoute } from '../routes';

// A lead from a monitoring platform (主动发现): the collector's or secretary's look at it, then a draft
// case or a dismissal. One tap from the home screen's 线索.
export const leadsRoutes: ScreenRoute[] = [
  { name: 'lead', path: '/s/:sid/leads/:leadId', component: lazy(() => import('./LeadDetail.vue')) },
];
