import { ref } from 'vue';
import { ApiFailure, failureOf, newKey } from '../api/failure';

// Money-moving actions (payment, donation, void, transfer, recovery) and ballots: one Idempotency-Key
// per attempt. The key lives until the attempt succeeds or its body changes, so a double tap, an
// automatic retry after a dropped connection, or the user tapping "重试" later all send the same key,
// and the server makes at most one effect of them (API.md "Idempotency-Key").

const RETRY_DELAYS_MS = [600, 1500, 3000];

export interface IdempotentAction<B, T> {
  /** Sends `body` (a double tap while one is in flight gets the same promise). */
  run(body: B): Promise<T>;
  busy: { value: boolean };
  /** What the user should read now: retrying after a dropped connection, or the final failure. */
  notice: { value: string };
  failure: { value: ApiFailure | null };
}

/**
 * `send(body, key)` makes the call (throwing an ApiFailure, e.g. through `ok()`); a dropped connection
 * is retried with the same key up to three times, saying so, and then left to the user with the key
 * kept for their retry.
 */
export function idempotent<B, T>(send: (body: B, key: string) => Promise<T>): IdempotentAction<B, T> {
  const busy = ref(false);
  const notice = ref('');
  const failure = ref<ApiFailure | null>(null);
  let key = '';
  let keyBody = '';
  let inFlight: Promise<T> | null = null;

  async function attempt(body: B): Promise<T> {
    const fingerprint = JSON.stringify(body);
    if (!key || fingerprint !== keyBody) {
      key = newKey();
      keyBody = fingerprint;
    }
    for (let retry = 0; ; retry++) {
      try {
        const result = await send(body, key);
        key = '';
        notice.value = '';
        return result;
      } catch (e) {
        const f = failureOf(e);
        if (f.status !== 'network' || retry >= RETRY_DELAYS_MS.length) {
          // A definite answer from the server ends the attempt: a new tap is a new attempt.
          if (f.status !== 'network') key = '';
          notice.value =
            f.status === 'network'
              ? '网络中断，未能确认是否成功。请检查网络后点“重试”：系统不会重复办理。'
              : f.message;
          throw f;
        }
        notice.value = `网络中断，正在安全重试（第 ${retry + 1} 次）…不会重复办理`;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[retry]));
      }
    }
  }

  return {
    busy,
    notice,
    failure,
    run(body: B): Promise<T> {
      if (inFlight) return inFlight;
      busy.value = true;
      failure.value = null;
      inFlight = attempt(body)
        .catch((e: unknown) => {
          failure.value = failureOf(e);
          throw failure.value;
        })
        .finally(() => {
          busy.value = false;
          inFlight = null;
        });
      return inFlight;
    },
  };
}
