import type { ScreenRoute } from '../routes';

// The cases screens (added by the cases work of issue 11).
export const casesRoutes: ScreenRoute[] = [];
