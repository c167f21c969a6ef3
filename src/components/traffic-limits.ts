/** The Traffic panel's bounds (issue #12): what the in-page gateway serves without the page stalling. */
export const TRAFFIC_LIMITS = { rate: 100, duration: 30 } as const;
