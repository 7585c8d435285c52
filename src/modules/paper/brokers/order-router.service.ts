import { Injectable, Logger } from '@nestjs/common';
import type { trading } from '@alpacahq/alpaca-trade-api';
import { PaperOrderRecord, PaperRepository, PaperSessionRecord } from '../../persistence/paper';
import { alpacaSdk } from '../alpaca-sdk';
import { alpacaSettings } from '../alpaca-settings';
import { describe } from '../feeds/alpaca.feed';
import { faultPoint } from '../paper-fault';

type AlpacaOrder = Awaited<ReturnType<InstanceType<typeof trading.OrdersApi>['postOrder']>>;

/**
 * Sends a session's orders to an Alpaca paper account through the official client
 * (`@alpacahq/alpaca-trade-api`), after the bar that decided them is stored: the stored order
 * is the outbox. Each carries its client order id, derived from the bar's idempotency key, so an
 * order sent again after a restart (the process ended between the broker's acceptance and the
 * record of it) is refused by Alpaca as a duplicate and found by its client order id instead: no
 * order reaches the account twice. An order Alpaca refuses is recorded with the reason; one that
 * could not be sent (Alpaca unreachable) stays in the outbox for the next tick.
 */
@Injectable()
export class OrderRouter {
  private readonly logger = new Logger('OrderRouter');

  constructor(private readonly repo: PaperRepository) {}

  /** Sends what the outbox holds, oldest first; returns a note when something stays unsent. */
  async sendUnsent(session: PaperSessionRecord): Promise<string | null> {
    const unsent = await this.repo.unsentOrders(session.id);
    if (unsent.length === 0) return null;
    const orders = this.ordersApi();
    if (typeof orders === 'string') return `${unsent.length} orders not sent: ${orders}`;
    for (const o of unsent) {
      let placed: AlpacaOrder;
      try {
        placed = await orders.postOrder({ postOrderRequest: requestOf(o) });
      } catch (e) {
        const status = (e as { response?: Response }).response?.status;
        if (status === undefined || status >= 500 || status === 429) return `order ${o.clientOrderId} not sent yet: ${await describe(e)}`;
        const known = await this.lookup(orders, o.clientOrderId!);
        if (known) await this.repo.reportBrokerOrder(session.id, o.symbol, o.id, 'sent', reportOf(known));
        else await this.repo.reportBrokerOrder(session.id, o.symbol, o.id, 'refused', { refused: await describe(e) });
        continue;
      }
      faultPoint('sent');
      await this.repo.reportBrokerOrder(session.id, o.symbol, o.id, 'sent', reportOf(placed));
    }
    return null;
  }

  /** Asks Alpaca how the session's open orders stand and records what it says. */
  async refresh(session: PaperSessionRecord): Promise<void> {
    const open = await this.repo.openBrokerOrders(session.id);
    if (open.length === 0) return;
    const orders = this.ordersApi();
    if (typeof orders === 'string') return;
    for (const o of open) {
      try {
        const known = await orders.getOrderByClientOrderId({ clientOrderId: o.clientOrderId! });
        await this.repo.reportBrokerOrder(session.id, o.symbol, o.id, 'sent', reportOf(known));
      } catch (e) {
        this.logger.warn(`order ${o.clientOrderId} of ${session.id}: ${await describe(e)}`);
        return;
      }
    }
  }

  private ordersApi(): InstanceType<typeof trading.OrdersApi> | string {
    const settings = alpacaSettings();
    if (typeof settings === 'string') return settings;
    const { trading } = alpacaSdk();
    return new trading.OrdersApi(new trading.Configuration({ keyId: settings.keyId, secret: settings.secret, basePath: settings.tradingUrl }));
  }

  private async lookup(orders: InstanceType<typeof trading.OrdersApi>, clientOrderId: string): Promise<AlpacaOrder | null> {
    try {
      return await orders.getOrderByClientOrderId({ clientOrderId });
    } catch {
      return null;
    }
  }
}

/** The Alpaca order of a session's order: the same side, quantity and type, good for the day. */
function requestOf(o: PaperOrderRecord) {
  return {
    symbol: o.symbol,
    qty: String(o.requestedQty),
    side: o.side,
    type: o.type,
    timeInForce: 'day',
    clientOrderId: o.clientOrderId!,
    ...(o.type === 'limit' && { limitPrice: String(o.limit) }),
    ...(o.type === 'stop' && { stopPrice: String(o.stop) }),
  } as never;
}

/** What the session keeps of Alpaca's order: its id, status and fill. */
function reportOf(order: AlpacaOrder): Record<string, unknown> {
  return {
    id: order.id ?? null,
    status: order.status ?? null,
    qty: order.qty ?? null,
    filledQty: order.filledQty ?? null,
    filledAvgPrice: order.filledAvgPrice ?? null,
    submittedAt: order.submittedAt?.toISOString() ?? null,
    filledAt: order.filledAt?.toISOString() ?? null,
  };
}
