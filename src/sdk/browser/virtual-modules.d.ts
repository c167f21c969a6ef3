/** The virtual modules of vite-plugin.ts. */
declare module 'virtual:apigw-sdk-templates' {
  const templates: Record<string, string>;
  export default templates;
}
declare module 'virtual:apigw-sdk-typescript' {
  const ts: unknown;
  export default ts;
}
/** A file's URL in the built site (Vite's `?url`). */
declare module '*?url' {
  const url: string;
  export default url;
}
