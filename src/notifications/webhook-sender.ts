import { Injectable } from '@nestjs/common';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { SIGNATURE_HEADER, signBody } from './webhook-signature';
import type { VettedTarget } from './webhook-target';

/** Connect and answer together: a receiver that hangs longer is a failed attempt. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** A receiver's answer body is read up to this much and thrown away. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type SendOutcome = { ok: true; status: number } | { ok: false; error: string };

/**
 * One POST of a signed JSON body to a vetted target: the connection goes to the address that was
 * checked (a `lookup` answering with it), never to what the name resolves to now. Any 2xx is success;
 * anything else, a network error or the 5 s timeout is a failure described without the body or secret.
 */
@Injectable()
export class WebhookSender {
  send(target: VettedTarget, body: string, secret: string): Promise<SendOutcome> {
    const pinned: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const options: RequestOptions = {
      method: 'POST',
      lookup: pinned,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'User-Agent': 'Huzhu-Webhooks/1',
        [SIGNATURE_HEADER]: signBody(body, secret),
      },
    };
    const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const req = request(target.url, options, (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) res.destroy();
        });
        res.on('error', () => undefined);
        res.on('close', () =>
          finish(
            status >= 200 && status < 300 ? { ok: true, status } : { ok: false, error: `HTTP ${status}` },
          ),
        );
      });
      const timer = setTimeout(() => {
        finish({ ok: false, error: `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` });
        req.destroy();
      }, DELIVERY_TIMEOUT_MS);
      req.on('error', (err: NodeJS.ErrnoException) =>
        finish({ ok: false, error: `connection failed (${err.code ?? 'network error'})` }),
      );
      req.end(body);
    });
  }
}
