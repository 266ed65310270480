package io.astrashell.api.model;

/**
 * The wire record of the example noun of the tests (GET /v2/databases), reduced to four fields: the
 * "where to add" recipe's model, read by {@code api/ExampleDatabasesApi} and served by
 * {@code sandbox/ExampleDatabasesResource}.
 */
public record ExampleDatabase(String id, String name, String status, String region) {
}
