/** Where the site serves the WebContainer server bundle from. */
export declare const OUTFILE: string;
/** Builds the WebContainer server bundle; with `write: false` resolves with its text instead of writing it. */
export declare function bundleWebContainerServer(options?: {
  write?: boolean;
  outfile?: string;
}): Promise<string | null>;
