import { lazy, type ScreenRoute } from '../routes';

// The votes screens (issue 11): open a vote, the vote (meeting rows, a board member's ballot, the
// tally), and paying an approved case. The vote screen wants `?case=<caseId>` (voteScreenPath in
// vote-text.ts): the API finds a vote by its case.
export const votesRoutes: ScreenRoute[] = [
  { name: 'vote-open', path: '/s/:sid/cases/:caseId/vote', component: lazy(() => import('./OpenVote.vue')) },
  { name: 'vote', path: '/s/:sid/votes/:voteId', component: lazy(() => import('./Vote.vue')) },
  { name: 'case-pay', path: '/s/:sid/cases/:caseId/pay', component: lazy(() => import('./Pay.vue')) },
];
