/** File name of the second chunk (widget-steps.<hash>.js), defined by widget/build.ts. */
declare const __STEPS__: string;

/** Stylesheets are bundled as minified text (see widget/build.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
