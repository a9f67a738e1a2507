// A certified OpenID provider (oidc-provider) for the sign-in tests, on loopback only.
// Arguments: port, the service's redirect URI, the client secret, and the accounts as JSON
// ({"sub": {"graph_service_role": "...", "agency": "...", "preferred_username": "..."}}).
import Provider from "oidc-provider";

const [port, redirectUri, secret, accountsJson] = process.argv.slice(2);
const accounts = JSON.parse(accountsJson);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "graph-service",
      client_secret: secret,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  claims: {
    openid: ["sub"],
    profile: ["preferred_username", "graph_service_role", "agency"],
  },
  // The claims of the requested scopes go in the ID token itself.
  conformIdTokenClaims: false,
  cookies: { keys: ["only-for-the-tests-of-graph-service"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, sub) {
    const claims = accounts[sub];
    if (!claims) return undefined;
    return { accountId: sub, async claims() { return { sub, ...claims }; } };
  },
});

provider.listen(Number(port), "127.0.0.1", () => {
  console.log("ready");
});
