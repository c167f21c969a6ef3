/** The pricing calculator's pure core (issue #15): API Gateway's rates as data and `estimate(input)`. */
export * from './money.js';
export * from './rates.js';
export * from './estimate.js';
export * from './compare.js';
