/** Where the local gateway server serves GraphiQL's files from their npm packages (serve-graphiql-assets.ts). */
export const GRAPHIQL_ASSETS_PATH = '/_turnout/graphiql/';

/**
 * The GraphiQL page the gateway serves in dev mode to a browser opening `/graphql`. Its
 * scripts come from the local gateway server, from the installed packages (graphiql 3,
 * React 18), never from a CDN: it works on a machine with no internet.
 *
 * @example
 * return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: renderGraphiQL('/graphql') };
 */
export function renderGraphiQL(endpoint: string): string {
  const url = JSON.stringify(endpoint);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Turnout GraphiQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script src="${GRAPHIQL_ASSETS_PATH}react.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}react-dom.js"></script>
  <script src="${GRAPHIQL_ASSETS_PATH}graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${url}, headers: { 'x-turnout-csrf': '1' } });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
    );
  </script>
</body>
</html>`;
}
