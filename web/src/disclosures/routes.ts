import { lazy, type ScreenRoute } from '../routes';

// The disclosures screens: paid cases waiting for a notice and the notices, publishing, one notice
// (PDF, residents' page, QR code, withdrawal), the supervisor's objections, and recovery of a disputed case.
export const disclosuresRoutes: ScreenRoute[] = [
  { name: 'disclosures', path: '/s/:sid/disclosures', component: lazy(() => import('./Disclosures.vue')) },
  { name: 'disclosure-new', path: '/s/:sid/disclosures/new', component: lazy(() => import('./Publish.vue')) },
  { name: 'disclosure', path: '/s/:sid/disclosures/:did', component: lazy(() => import('./Notice.vue')) },
  { name: 'objections', path: '/s/:sid/objections', component: lazy(() => import('./Objections.vue')) },
  { name: 'objection', path: '/s/:sid/objections/:oid', component: lazy(() => import('./Objection.vue')) },
  {
    name: 'case-recovery',
    path: '/s/:sid/cases/:caseId/recovery',
    component: lazy(() => import('./Recovery.vue')),
  },
];
