/**
 * The GraphiQL page the gateway serves in dev mode to a browser opening `/graphql`.
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
  <link rel="stylesheet" href="https://unpkg.com/graphiql@3/graphiql.min.css" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL...</div>
  <script crossorigin src="https://unpkg.com/react@18/umd/react.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>
  <script crossorigin src="https://unpkg.com/graphiql@3/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${url}, headers: { 'x-turnout-csrf': '1' } });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }),
    );
  </script>
</body>
</html>`;
}
