import type { ScreenRoute } from '../routes';

// The disclosures screens (added by the disclosures work of issue 11).
export const disclosuresRoutes: ScreenRoute[] = [];
