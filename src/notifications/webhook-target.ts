import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { AppConfig } from '../config/app-config';
import { classifyAddress, isLocalhostName } from './domain/address-class';
import { webhookUrlShape } from './domain/webhook-url';

/** A webhook URL whose host was resolved and checked: connect to `address`, and only to it. */
export interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/** Why a URL was refused, in both languages (the PUT's field error; a delivery's last error in English). */
export class RefusedTarget extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/**
 * Resolves a webhook URL's host and refuses it when ANY of its addresses is not public (loopback,
 * private, link-local, …: domain/address-class.ts) unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is on. Run at
 * the PUT and again before each delivery, which then connects to the address checked here: a name
 * that resolves elsewhere a moment later (DNS rebinding) is never connected to.
 */
@Injectable()
export class WebhookTargets {
  constructor(private readonly config: AppConfig) {}

  async vet(text: string): Promise<VettedTarget> {
    const shape = webhookUrlShape(text);
    if (!shape.ok) throw new RefusedTarget(shape.zh, shape.en);
    const allowPrivate = this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS;
    if (!allowPrivate && isLocalhostName(shape.host))
      throw new RefusedTarget('不能指向本机', 'must not point to this machine (localhost)');
    let addresses: { address: string; family: number }[];
    try {
      addresses = await lookup(shape.host, { all: true, verbatim: true });
    } catch {
      throw new RefusedTarget('主机名无法解析', 'has a host name that does not resolve');
    }
    if (addresses.length === 0)
      throw new RefusedTarget('主机名无法解析', 'has a host name that does not resolve');
    if (!allowPrivate) {
      for (const a of addresses) {
        const cls = classifyAddress(a.address);
        if (cls !== 'public')
          throw new RefusedTarget(
            '不能指向内部网络地址（本机、内网、链路本地等）',
            `must not point to an internal network address (${cls})`,
          );
      }
    }
    const first = addresses[0];
    return { url: shape.url, address: first.address, family: first.family === 6 ? 6 : 4 };
  }
}
