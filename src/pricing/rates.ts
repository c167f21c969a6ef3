/**
 * API Gateway's prices in US East (N. Virginia), as data: each rate names the page it was read from and the date
 * (2026-12-04). AWS's pricing page renders its tables from JavaScript, so the figures were read from AWS's own
 * whitepaper table, the page's Pricing Examples text and transcriptions of the page and of the Price List API, which
 * all agree (docs/research/sam-sdk-pricing.md §6).
 */

/** The date every rate here was read. */
export const READ_ON = '2026-12-04';
/** The Region the rates are for. */
export const REGION = 'US East (N. Virginia)';

/** AWS's API Gateway pricing page (its Pricing Examples are the calculator's tests). */
export const PRICING_PAGE = 'https://aws.amazon.com/api-gateway/pricing/';
/** AWS whitepaper with the REST and HTTP API request price tables. */
export const WHITEPAPER =
  'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html';
/** The cache sizes API Gateway offers (the CacheClusterSize enum). */
export const CACHE_SIZES_PAGE =
  'https://docs.aws.amazon.com/sdk-for-python/v1/reference/clients/api-gateway/enums/CacheClusterSize/';
/** Third-party copies of the pricing page's cache table (the two agree); AWS's rendered table could not be read. */
export const CACHE_THIRD_PARTY = [
  'https://github.com/i05nagai/memorandum/blob/master/cloud/aws/amazon_api_gateway.md',
  'https://github.com/kejyun/aws-learning-notes/blob/master/api-gateway/api-gateway-README.md',
];
/** The guide's usage-plan fee erratum (errata #24): usage plans and API keys cost nothing. */
export const USAGE_PLAN_ERRATUM =
  'There is no charge for usage plans or API keys: "For HTTP APIs and REST APIs, you pay only for the API calls you receive and the amount of data transferred out" (the guide says "a small monthly fee per usage plan": errata #24).';

/** One price: `price` dollars (an exact decimal string) per `per` units of what is counted. */
export interface Rate {
  /** Dollars, as a decimal string so it is exact: "3.50". */
  price: string;
  /** How many units the price is for: 1,000,000 for "per million", 1 for "per GB" or "per hour". */
  per: number;
  /** The unit, for display: "million requests", "GB", "hour". */
  unit: string;
  /** The page the price was read from. */
  source: string;
  /** The date it was read. */
  read: string;
  /** False where only third-party copies of AWS's page give the price (not corroborated by AWS's own text). */
  corroborated: boolean;
}

/** One tier: `rate` applies to the units from the previous tier's `upTo` to this `upTo` (null: no limit). */
export interface Tier {
  upTo: number | null;
  rate: Rate;
}

const aws = (price: string, per: number, unit: string, source = PRICING_PAGE): Rate => ({
  price,
  per,
  unit,
  source,
  read: READ_ON,
  corroborated: true,
});
const MILLION = 1_000_000;

/** REST API requests per month: first 333 million, next 667 million, next 19 billion, over 20 billion. */
export const REST_REQUEST_TIERS: Tier[] = [
  { upTo: 333_000_000, rate: aws('3.50', MILLION, 'million requests', WHITEPAPER) },
  { upTo: 1_000_000_000, rate: aws('2.80', MILLION, 'million requests', WHITEPAPER) },
  { upTo: 20_000_000_000, rate: aws('2.38', MILLION, 'million requests', WHITEPAPER) },
  { upTo: null, rate: aws('1.51', MILLION, 'million requests', WHITEPAPER) },
];

/** HTTP API requests per month (metered in 512 KB increments): first 300 million, over 300 million. */
export const HTTP_REQUEST_TIERS: Tier[] = [
  { upTo: 300_000_000, rate: aws('1.00', MILLION, 'million requests', WHITEPAPER) },
  { upTo: null, rate: aws('0.90', MILLION, 'million requests', WHITEPAPER) },
];

/**
 * WebSocket messages per month (metered in 32 KB increments): first 1 billion, over 1 billion. L: the $0.80 tier is
 * from a transcription of the AWS Price List API (usage type USE1-ApiGatewayMessage); $1.00 is in the page's example.
 */
export const WEBSOCKET_MESSAGE_TIERS: Tier[] = [
  { upTo: 1_000_000_000, rate: aws('1.00', MILLION, 'million messages') },
  { upTo: null, rate: aws('0.80', MILLION, 'million messages') },
];

/** WebSocket connection minutes: $0.25 per million (the page's chat example). */
export const WEBSOCKET_MINUTE_RATE = aws('0.25', MILLION, 'million connection minutes');

/** HTTP APIs are metered in 512 KB increments: "a 4.5 MB upload = 9 requests" (whitepaper and the page's example 2). */
export const HTTP_METERING_KB = 512;
/** WebSocket messages are metered in 32 KB increments: "a 33 KB message is metered as two messages". */
export const WEBSOCKET_METERING_KB = 32;
/** The largest WebSocket message API Gateway accepts: 128 KB. */
export const WEBSOCKET_MAX_MESSAGE_KB = 128;

/**
 * Data transfer out to the internet, "charged at the EC2 data transfer rate". AWS's own worked examples apply a flat
 * $0.09 per GB (even to 57,220 GB), so the calculator's default is this flat rate.
 */
export const DATA_TRANSFER_FLAT_RATE = aws('0.09', 1, 'GB');
/**
 * EC2's tiers for data transfer out: first 10 TB, next 40 TB, next 100 TB, over 150 TB a month. L: TB = 1,024 GB, as
 * the Price List's ranges are in GB; EC2's 100 GB a month free across services is not subtracted.
 */
export const DATA_TRANSFER_TIERS: Tier[] = [
  { upTo: 10_240, rate: aws('0.09', 1, 'GB') },
  { upTo: 51_200, rate: aws('0.085', 1, 'GB') },
  { upTo: 153_600, rate: aws('0.07', 1, 'GB') },
  { upTo: null, rate: aws('0.05', 1, 'GB') },
];

/** One cache size API Gateway offers (REST APIs), priced per hour while it is provisioned. */
export interface CacheSize {
  /** The CacheClusterSize value, in GB. */
  gb: string;
  rate: Rate;
}

const thirdParty = (price: string): Rate => ({
  price,
  per: 1,
  unit: 'hour',
  source: CACHE_THIRD_PARTY[0]!,
  read: READ_ON,
  corroborated: false,
});

/**
 * Cache prices per hour. 1.6 GB at $0.038/hr is in the page's own caching example and 0.5 GB at $0.020/hr is seen
 * on a real bill (USW2-ApiGatewayCacheUsage:0.5GB); the other sizes' prices come only from two third-party copies of
 * the page that agree, so they are offered marked as such (`corroborated: false`) and no test relies on them.
 */
export const CACHE_SIZES: CacheSize[] = [
  { gb: '0.5', rate: aws('0.020', 1, 'hour') },
  { gb: '1.6', rate: aws('0.038', 1, 'hour') },
  { gb: '6.1', rate: thirdParty('0.200') },
  { gb: '13.5', rate: thirdParty('0.250') },
  { gb: '28.4', rate: thirdParty('0.500') },
  { gb: '58.2', rate: thirdParty('1.000') },
  { gb: '118', rate: thirdParty('1.900') },
  { gb: '237', rate: thirdParty('3.800') },
];

/** Private REST APIs: no data transfer out charge, but an interface VPC endpoint (AWS PrivateLink) per AZ-hour … */
export const PRIVATE_ENDPOINT_RATE = aws('0.01', 1, 'AZ-hour');
/** … and PrivateLink's data processing per GB (request and response), both from the page's Private API example. */
export const PRIVATE_PROCESSING_RATE = aws('0.01', 1, 'GB');

/**
 * The legacy 12-month free tier (accounts created before 15 July 2025): per month, 1 million REST API calls, 1
 * million HTTP API calls, 1 million WebSocket messages and 750,000 connection minutes. Accounts created since get
 * credits instead, and none of AWS's worked examples subtract it: the calculator leaves it off unless asked.
 */
export const FREE_TIER = {
  restRequests: 1_000_000,
  httpRequests: 1_000_000,
  websocketMessages: 1_000_000,
  websocketMinutes: 750_000,
  source: PRICING_PAGE,
  read: READ_ON,
} as const;

/** Hours in the month AWS's examples use (30 days; the Private API example's 720 hours). */
export const HOURS_PER_MONTH = 720;
