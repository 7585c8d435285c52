import { Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { parseIsoDay } from '../../../core/market/dates';
import { PaperSessionSpec, parseFeed } from '../../../core/paper/paper-spec';
import { MarketFeed } from '../../../core/ports/market-feed.port';
import { DataService } from '../../data/data.service';
import { alpacaSettings } from '../alpaca-settings';
import { AlpacaFeed } from './alpaca.feed';
import { CsvDirFeed } from './csv-dir.feed';
import { FeedError } from './feed-error';
import { ReplayFeed } from './replay.feed';
import { YAHOO_BASE_URL, YahooFeed } from './yahoo.feed';

/** Builds the feed a session's spec names. */
@Injectable()
export class FeedFactory {
  constructor(private readonly data: DataService) {}

  create(spec: PaperSessionSpec): MarketFeed {
    const feed = parseFeed(spec.feed);
    if (!feed) throw new Error(`unknown feed "${spec.feed}"`);
    switch (feed.kind) {
      case 'replay': {
        const dataset = feed.dataset;
        return new ReplayFeed(this.data, spec.feed, (symbol) => dataset ?? symbol, parseIsoDay(spec.from!), spec.to ? parseIsoDay(spec.to) : null, spec.adjust);
      }
      case 'csv-dir':
        return new CsvDirFeed(resolve(feed.dir), spec.adjust ?? 'none');
      case 'yahoo':
        return new YahooFeed(process.env.TRADINGGROUP_YAHOO_BASE_URL || YAHOO_BASE_URL, Date.now);
      case 'alpaca': {
        const settings = alpacaSettings();
        if (typeof settings === 'string') throw new FeedError(settings);
        return new AlpacaFeed(settings, Date.now);
      }
    }
  }
}
