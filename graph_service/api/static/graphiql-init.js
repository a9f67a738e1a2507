// Served by the app itself: the page loads nothing from the internet.
const fetcher = GraphiQL.createFetcher({ url: "/graphql" });
ReactDOM.createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true })
);
