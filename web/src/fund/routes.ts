import type { ScreenRoute } from '../routes';

// The fund screens (added by the fund work of issue 11).
export const fundRoutes: ScreenRoute[] = [];
