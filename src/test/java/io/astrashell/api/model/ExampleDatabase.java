package io.astrashell.api.model;

/** A database of the example noun of the tests (GET /v2/databases): the "where to add" recipe's wire model. */
public record ExampleDatabase(String id, String name, String status, String region) {
}
