import { subscribes, WEBHOOK_EVENT_TYPES } from './event-types';

describe('subscribes', () => {
  it('null means every type; a list means those only', () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      expect(subscribes(null, type)).toBe(true);
      expect(subscribes([type], type)).toBe(true);
      expect(
        subscribes(
          WEBHOOK_EVENT_TYPES.filter((t) => t !== type),
          type,
        ),
      ).toBe(false);
    }
  });
});
