import type { Request, Response } from 'express';
import { wantsCsv } from './csv.interceptor';
import { PreparedBody } from './run-read.cache';

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Sends a prepared answer (serialised once, see RunReadCache) as its bytes in one write: JSON,
 * or CSV when the route is tabular and the client asks for it; 304 when `If-None-Match` matches.
 */
export function sendPrepared(req: Request, res: Response, body: PreparedBody): void {
  const asCsv = body.csv !== null && wantsCsv(req);
  const bytes = asCsv ? body.csv! : body.json;
  const etag = asCsv ? body.csvEtag! : body.jsonEtag;
  if (body.csv !== null) res.vary('Accept');
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('Content-Type', asCsv ? CSV_TYPE : JSON_TYPE);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
