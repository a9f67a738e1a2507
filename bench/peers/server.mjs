// The generic peer in bench/bench_peers.py: @neo4j/graphql on Apollo Server, reading the
// same Neo4j. Its family network is the product's own walk (queries/family_network.cypher,
// the traversal) as a @cypher field, from which the library fetches what is selected;
// its search is @fulltext over the product's names index, sent the product's Lucene string.
// Run: NEO4J_URI=… NEO4J_USER=… NEO4J_PASSWORD=… PORT=… node server.mjs
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const WALK = `
MATCH (asked:Person|LinkedRecord {id: $personId})
WITH coalesce(head([(asked)-[:RECORD_OF]->(x:Person) | x]), asked) AS start
CALL (start) {
  WITH start WHERE $depth = 1
  MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*0..2]-(n)
  WHERE all(r IN rs WHERE r.from_date <= date($asOf) AND (r.to_date IS NULL OR r.to_date >= date($asOf)))
  RETURN DISTINCT n
  UNION
  WITH start WHERE $depth = 2
  MATCH (start)-[rs:PARENT_OF|SIBLING_OF|PARTNER_OF|CARES_FOR|MEMBER_OF*0..4]-(n)
  WHERE all(r IN rs WHERE r.from_date <= date($asOf) AND (r.to_date IS NULL OR r.to_date >= date($asOf)))
  RETURN DISTINCT n
}
WITH collect(n)[..300] AS reached
UNWIND reached AS n
WITH n WHERE n:Person AND (n.date_of_birth IS NULL OR n.date_of_birth <= date($asOf))
RETURN n AS person
`;

const typeDefs = `#graphql
  type Link @relationshipProperties {
    id: String
    kind: String
    from_date: Date
    to_date: Date
  }

  type Hazard @node {
    id: ID!
    kind: String!
    description: String
  }

  type Address @node {
    id: ID!
    line1: String
    postcode: String
    hazards: [Hazard!]! @relationship(type: "HAS_HAZARD", direction: OUT)
  }

  type Household @node {
    id: ID!
  }

  type Person @node
    @fulltext(indexes: [{ indexName: "person_names", queryName: "peopleByName",
      fields: ["given_name", "family_name", "full_name", "name_phonetic"] }]) {
    id: ID!
    given_name: String
    family_name: String
    full_name: String
    name_phonetic: String
    date_of_birth: Date
    sex: String
    hazards: [Hazard!]! @relationship(type: "HAS_HAZARD", direction: OUT)
    addresses: [Address!]! @relationship(type: "LIVES_AT", direction: OUT, properties: "Link")
    children: [Person!]! @relationship(type: "PARENT_OF", direction: OUT, properties: "Link")
    partners: [Person!]! @relationship(type: "PARTNER_OF", direction: OUT, properties: "Link")
    siblings: [Person!]! @relationship(type: "SIBLING_OF", direction: OUT, properties: "Link")
    cares_for: [Person!]! @relationship(type: "CARES_FOR", direction: OUT, properties: "Link")
    households: [Household!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Link")
  }

  type Query {
    familyNetwork(personId: ID!, depth: Int!, asOf: String!): [Person!]!
      @cypher(statement: """${WALK}""", columnName: "person")
  }
`;

const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PORT) },
});
console.log(`READY ${url}`);
