"""The read model: what the service shows of the case network (records, networks,
evidence), the objects need to know vets, masks and audits, whatever interface asks."""
