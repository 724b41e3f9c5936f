import { lazy, type ScreenRoute } from '../routes';

// The fund screens (issue 11): the "资金" and "更多" tabs, donors and donations, reports, members,
// bylaws, and the overseer's view of its societies (outside any society).
export const fundRoutes: ScreenRoute[] = [
  { name: 'fund', path: '/s/:sid/fund', component: lazy(() => import('./FundHome.vue')) },
  { name: 'fund-entries', path: '/s/:sid/fund/entries', component: lazy(() => import('./FundEntries.vue')) },
  {
    name: 'fund-transfer',
    path: '/s/:sid/fund/transfer',
    component: lazy(() => import('./FundTransfer.vue')),
  },
  { name: 'donors', path: '/s/:sid/donors', component: lazy(() => import('./Donors.vue')) },
  { name: 'donor-new', path: '/s/:sid/donors/new', component: lazy(() => import('./DonorNew.vue')) },
  { name: 'donor', path: '/s/:sid/donors/:donorId', component: lazy(() => import('./DonorDetail.vue')) },
  { name: 'donation-new', path: '/s/:sid/donations/new', component: lazy(() => import('./DonationNew.vue')) },
  {
    name: 'donation',
    path: '/s/:sid/donations/:donationId',
    component: lazy(() => import('./DonationDetail.vue')),
  },
  { name: 'reports', path: '/s/:sid/reports', component: lazy(() => import('./Reports.vue')) },
  { name: 'members', path: '/s/:sid/members', component: lazy(() => import('./Members.vue')) },
  { name: 'settings', path: '/s/:sid/settings', component: lazy(() => import('./Settings.vue')) },
  { name: 'more', path: '/s/:sid/more', component: lazy(() => import('./More.vue')) },
  { name: 'oversight', path: '/oversight', component: lazy(() => import('./Oversight.vue')) },
];
