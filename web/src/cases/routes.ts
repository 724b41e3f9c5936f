import { lazy, type ScreenRoute } from '../routes';

// The cases screens (issue 11): the list with its status filter, the phone form that files a case
// with its photos, and one case's detail with its documents, timeline, audited reveal and next steps.
export const casesRoutes: ScreenRoute[] = [
  { name: 'cases', path: '/s/:sid/cases', component: lazy(() => import('./CaseList.vue')) },
  { name: 'case-new', path: '/s/:sid/cases/new', component: lazy(() => import('./CaseNew.vue')) },
  { name: 'case', path: '/s/:sid/cases/:caseId', component: lazy(() => import('./CaseDetail.vue')) },
];
