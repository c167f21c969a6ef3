/** A clock in milliseconds with sub-millisecond precision where the runtime has one. */
export const monotonic: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();
