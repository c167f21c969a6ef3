// Lets plain `tsc` type-check modules that import .astro components (Astro's own tooling types them fully).
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
