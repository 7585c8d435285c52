import { scoreSentiment } from '../news/sentiment.scorer';

/**
 * Finance sentiment of a filing passage in [-1, 1]: the news agent's lexicon scorer (finance
 * terms with their direction, negation and cost/loss inversion), so both agents read text alike.
 */
export function passageTone(text: string): number {
  return scoreSentiment(text).score;
}
