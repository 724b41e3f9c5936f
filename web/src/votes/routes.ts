import type { ScreenRoute } from '../routes';

// The votes screens (added by the votes work of issue 11).
export const votesRoutes: ScreenRoute[] = [];
