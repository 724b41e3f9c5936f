import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ApiFailure, failureOf, NETWORK_MESSAGE } from '../api/failure';
import { idempotent } from './idempotent';

// The helper every money-moving POST and ballot of the console goes through, without a browser:
// `send` stands in for the HTTP call, a TypeError for a dropped connection (what fetch throws).

const dropped = () => new TypeError('Failed to fetch');
const refused = () => new ApiFailure(409, 'INSUFFICIENT_FUNDS', '资金不足');

/** A `send` that answers each call with the next of `answers` (a value, or an error to throw). */
function scripted(...answers: unknown[]) {
  const keys: string[] = [];
  const bodies: unknown[] = [];
  const send = jest.fn(async (body: unknown, key: string) => {
    keys.push(key);
    bodies.push(body);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { send, keys, bodies };
}

describe('idempotent: one Idempotency-Key per attempt', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('retries a dropped connection with the same key, saying so, and clears the notice on success', async () => {
    const { send, keys } = scripted(dropped(), dropped(), { entryId: 'e1' });
    const action = idempotent(send);
    const result = action.run({ amountFen: 100_000 });
    expect(action.busy.value).toBe(true);

    await jest.advanceTimersByTimeAsync(0);
    expect(action.notice.value).toBe('网络中断，正在安全重试（第 1 次）…不会重复办理');
    await jest.advanceTimersByTimeAsync(600);
    expect(action.notice.value).toBe('网络中断，正在安全重试（第 2 次）…不会重复办理');
    await jest.advanceTimersByTimeAsync(1500);

    await expect(result).resolves.toEqual({ entryId: 'e1' });
    expect(send).toHaveBeenCalledTimes(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(action.notice.value).toBe('');
    expect(action.busy.value).toBe(false);
    expect(action.failure.value).toBeNull();
  });

  it('after three retries leaves it to the user, keeping the key for their retry', async () => {
    const { send, keys } = scripted(dropped(), dropped(), dropped(), dropped(), { entryId: 'e1' });
    const action = idempotent(send);
    const first = action.run({ amountFen: 100_000 });
    const failed = expect(first).rejects.toMatchObject({ status: 'network' });
    await jest.advanceTimersByTimeAsync(600 + 1500 + 3000);
    await failed;

    expect(send).toHaveBeenCalledTimes(4);
    expect(action.notice.value).toBe('网络中断，未能确认是否成功。请检查网络后点“重试”：系统不会重复办理。');
    expect(action.failure.value?.status).toBe('network');
    expect(action.busy.value).toBe(false);

    // The user taps 重试 with the same form: the same key, so the server answers the first payment if it made one.
    await expect(action.run({ amountFen: 100_000 })).resolves.toEqual({ entryId: 'e1' });
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(5);
  });

  it('takes a new key after a definite answer: a success', async () => {
    const { send, keys } = scripted({ ok: 1 }, { ok: 2 });
    const action = idempotent(send);
    await expect(action.run({ amountFen: 100 })).resolves.toEqual({ ok: 1 });
    await expect(action.run({ amountFen: 100 })).resolves.toEqual({ ok: 2 });
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('takes a new key after a definite answer: a refusal, shown in the server’s words', async () => {
    const { send, keys } = scripted(refused(), { ok: 1 });
    const action = idempotent(send);
    await expect(action.run({ amountFen: 100 })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    // A refusal is not retried by itself.
    expect(send).toHaveBeenCalledTimes(1);
    expect(action.notice.value).toBe('资金不足');
    expect(action.failure.value?.message).toBe('资金不足');

    await expect(action.run({ amountFen: 100 })).resolves.toEqual({ ok: 1 });
    expect(keys[0]).not.toBe(keys[1]);
    expect(action.notice.value).toBe('');
    expect(action.failure.value).toBeNull();
  });

  it('takes a new key when the body changed, even with a key kept from a dropped attempt', async () => {
    const { send, keys, bodies } = scripted(dropped(), dropped(), dropped(), dropped(), { ok: 1 });
    const action = idempotent(send);
    const first = action.run({ account: 'bank' });
    const failed = expect(first).rejects.toMatchObject({ status: 'network' });
    await jest.advanceTimersByTimeAsync(600 + 1500 + 3000);
    await failed;

    await expect(action.run({ account: 'cash' })).resolves.toEqual({ ok: 1 });
    expect(bodies.at(-1)).toEqual({ account: 'cash' });
    expect(new Set(keys.slice(0, 4)).size).toBe(1);
    expect(keys[4]).not.toBe(keys[0]);
  });

  it('a double tap while a send is in flight sends once and answers both taps alike', async () => {
    let answer!: (value: { entryId: string }) => void;
    const send = jest.fn(
      (_body: unknown, _key: string) => new Promise<{ entryId: string }>((resolve) => (answer = resolve)),
    );
    const action = idempotent(send);
    const tap1 = action.run({ amountFen: 100 });
    const tap2 = action.run({ amountFen: 100 });
    expect(tap2).toBe(tap1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(action.busy.value).toBe(true);

    answer({ entryId: 'e1' });
    await expect(tap1).resolves.toEqual({ entryId: 'e1' });
    await expect(tap2).resolves.toEqual({ entryId: 'e1' });
    expect(send).toHaveBeenCalledTimes(1);
    expect(action.busy.value).toBe(false);
  });

  it('a tap during the wait before a retry joins the attempt under way', async () => {
    const { send, keys } = scripted(dropped(), { ok: 1 });
    const action = idempotent(send);
    const tap1 = action.run({ amountFen: 100 });
    await jest.advanceTimersByTimeAsync(100);
    const tap2 = action.run({ amountFen: 100 });
    expect(tap2).toBe(tap1);
    await jest.advanceTimersByTimeAsync(600);
    await expect(tap1).resolves.toEqual({ ok: 1 });
    expect(send).toHaveBeenCalledTimes(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('gives every action its own keys', async () => {
    const a = scripted({ ok: 1 });
    const b = scripted({ ok: 2 });
    await idempotent(a.send).run({ amountFen: 100 });
    await idempotent(b.send).run({ amountFen: 100 });
    expect(a.keys[0]).not.toBe(b.keys[0]);
  });
});

describe('what counts as a dropped connection', () => {
  it('is what fetch throws (a TypeError), never an answer with a message', () => {
    expect(failureOf(new TypeError('Failed to fetch'))).toMatchObject({
      status: 'network',
      message: NETWORK_MESSAGE,
    });
    expect(failureOf({ statusCode: 409, code: 'ALREADY_VOTED', message: '您已投过票' }, 409)).toMatchObject({
      status: 409,
      code: 'ALREADY_VOTED',
      message: '您已投过票',
    });
  });
});
