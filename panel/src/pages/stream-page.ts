import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { EventStream } from '../api/events.js';
import type { Http } from '../api/http.js';
import type { Route } from '../router.js';

/**
 * The base of route-level pages that own data: it loads once connected, keeps the page's
 * event-stream subscriptions while connected (like HA's SubscribeMixin), and loads again when
 * the stream comes back after a drop, since events sent meanwhile were lost.
 */
export abstract class StreamPage extends LitElement {
  @property({ attribute: false }) http?: Http;
  @property({ attribute: false }) stream?: EventStream;
  @property({ attribute: false }) route?: Route;
  @property({ type: Boolean, reflect: true }) narrow = false;

  private subscribedTo: EventStream | null = null;
  private unsubscribers: (() => void)[] = [];

  /** Subscriptions to hold while connected. */
  protected abstract subscribe(stream: EventStream): (() => void)[];

  /** Fetches the page's data; handles its own errors. */
  protected abstract load(http: Http): Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.sync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stream') || changed.has('http')) this.sync();
  }

  private sync(): void {
    const { stream, http } = this;
    if (!this.isConnected || !stream || !http || this.subscribedTo === stream) return;
    this.unsubscribe();
    this.subscribedTo = stream;
    let lost = stream.status === 'reconnecting';
    this.unsubscribers = [
      ...this.subscribe(stream),
      stream.onStatus((status) => {
        if (status === 'open' && lost) void this.load(http);
        lost = status === 'reconnecting';
      }),
    ];
    void this.load(http);
  }

  private unsubscribe(): void {
    for (const off of this.unsubscribers) off();
    this.unsubscribers = [];
    this.subscribedTo = null;
  }
}
