/** The demo window: inside the AAPL sample (2013-05-13..2018-05-11), with earlier bars as warm-up. */
export const DEMO_SYMBOLS = ['AAPL', 'SPX'];
export const DEMO_FROM = '2014-01-02';
export const DEMO_TO = '2018-05-11';
