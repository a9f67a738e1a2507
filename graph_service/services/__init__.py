"""Use cases: one door each, shared by GraphQL, the map pages, the command line and every
interface to come. A use case reads or writes through the store and returns the read
model; the entry points authorise, vet and audit what it returns (security.Disclosure)."""
