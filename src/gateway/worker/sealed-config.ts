/**
 * The sealed config compiled into a deployed Worker. The package's own bundle ships this
 * module as `export default null`; `llm-router deploy` writes the sealed text in its place
 * (the build keeps `./sealed-config.js` external so the two stay separate files).
 */
const sealed: string | null = null;
export default sealed;
